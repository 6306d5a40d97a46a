import Logging
import Metrics
import PostgresNIO
import Storage

/// `onegate_outbox_backlog` (committed events not yet published) and
/// `onegate_outbox_oldest_seconds` (how long the oldest of them has waited). With several
/// instances of a service each reports the same shared outbox.
struct OutboxGauges: GaugeCollector {
    let client: PostgresClient
    let outbox: Outbox
    let logger: Logger
    let backlog = Gauge(label: "onegate_outbox_backlog")
    let oldest = Gauge(label: "onegate_outbox_oldest_seconds")

    func collect() async {
        do {
            let state = try await outbox.backlog(client: client, logger: logger)
            backlog.record(state.messages)
            oldest.record(state.oldestSeconds)
        } catch {
            logger.debug("cannot read the outbox backlog", metadata: ["error": "\(String(reflecting: error))"])
        }
    }
}
