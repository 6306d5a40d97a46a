import Logging
import Metrics
import PostgresNIO

/// Use of the database connection pool, as PostgreSQL sees it: postgres-nio's `PostgresClient`
/// publishes no pool statistics, and services query through it from many places (no single point
/// to count leases), so the honest source is `pg_stat_activity` — the server connections of this
/// service's login role by state (`onegate_db_connections{state}`), next to the configured pool
/// size (`onegate_db_pool_max_connections`).
///
/// The role is shared by every instance of the service (and by `onegate-admin` when it logs in
/// as the service), so the figures are per service, not per process. The session that runs the
/// query counts as idle: it is a pooled connection that would otherwise be idle.
struct DatabaseGauges: GaugeCollector {
    static let states = ["active", "idle", "idle_in_transaction", "idle_in_transaction_aborted", "other"]
    let client: PostgresClient
    let logger: Logger
    let connections: [String: Gauge]
    let maximum = Gauge(label: "onegate_db_pool_max_connections")

    init(client: PostgresClient, maximumConnections: Int, logger: Logger) {
        self.client = client
        self.logger = logger
        self.connections = Dictionary(uniqueKeysWithValues: Self.states.map { state in
            (state, Gauge(label: "onegate_db_connections", dimensions: [("state", state)]))
        })
        maximum.record(maximumConnections)
    }

    func collect() async {
        do {
            let rows = try await client.query("""
                SELECT CASE WHEN pid = pg_backend_pid() THEN 'idle' ELSE COALESCE(state, '') END, count(*)::bigint
                FROM pg_stat_activity
                WHERE usename = current_user AND datname = current_database() AND backend_type = 'client backend'
                GROUP BY 1
                """, logger: logger)
            var counts: [String: Int64] = [:]
            for try await (state, count) in rows.decode((String, Int64).self) {
                counts[Self.label(state), default: 0] += count
            }
            for (state, gauge) in connections { gauge.record(counts[state] ?? 0) }
        } catch {
            logger.debug("cannot read the database connections", metadata: ["error": "\(String(reflecting: error))"])
        }
    }

    /// `idle in transaction (aborted)` → `idle_in_transaction_aborted`; unknown states → `other`.
    static func label(_ state: String) -> String {
        let label = state.replacingOccurrences(of: " (", with: "_").replacingOccurrences(of: ")", with: "")
            .replacingOccurrences(of: " ", with: "_")
        return states.contains(label) ? label : "other"
    }
}
