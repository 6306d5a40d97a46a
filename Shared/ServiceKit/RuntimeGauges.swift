import Foundation
import Logging
import Messaging
import ServiceLifecycle

/// A set of gauges refreshed by reading their source (a query, `/proc`, the broker).
protocol GaugeCollector: Sendable {
    /// Reads the source once and records the gauges; failures leave the last values in place.
    func collect() async
    /// Releases what the collector holds (a broker connection); called once, at the end.
    func close() async
}

extension GaugeCollector {
    func close() async {}
}

/// The gauges that are read rather than counted as things happen — process CPU and memory, queue
/// depths and dead letters, the outbox backlog, database connections, pending RPC calls — refreshed
/// together every `ONEGATE_METRICS_INTERVAL_MS` (5 s by default) from start until graceful
/// shutdown. `docs/operations.md` lists every metric.
public struct RuntimeGauges: Service {
    let interval: Duration
    let logger: Logger
    /// Built when the gauges start, so that nothing (such as the queue probe's broker connection)
    /// is opened before.
    let makeCollectors: @Sendable () -> [any GaugeCollector]

    /// A back-end service's gauges; `consuming` are the links whose topology names the queues the
    /// service consumes (its RPC link and its event link).
    public init(runtime: ServiceRuntime, consuming links: [AMQPLink]) {
        let amqp = runtime.amqp
        let service = runtime.service.rawValue
        let logger = runtime.logger
        self.interval = Self.interval(runtime.environment)
        self.logger = logger
        self.makeCollectors = {
            [ProcessGauges(),
             OutboxGauges(client: runtime.database, outbox: runtime.outbox, logger: logger),
             DatabaseGauges(client: runtime.database,
                            maximumConnections: runtime.databaseConfiguration.maximumConnections, logger: logger),
             QueueGauges(configuration: amqp, name: "\(service)-probe", consuming: links, logger: logger)]
        }
    }

    /// The gateway's gauges: its process and its RPC client.
    public init(gateway client: RPCClient, environment: ServiceEnvironment, logger: Logger) {
        self.interval = Self.interval(environment)
        self.logger = logger
        self.makeCollectors = { [ProcessGauges(), RPCClientGauges(client: client)] }
    }

    static func interval(_ environment: ServiceEnvironment) -> Duration {
        .milliseconds(max(100, environment.int("ONEGATE_METRICS_INTERVAL_MS", default: 5_000)))
    }

    /// Collects at once, then every interval, until graceful shutdown (or cancellation).
    public func run() async {
        let collectors = makeCollectors()
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await withDiscardingTaskGroup { group in
                    for collector in collectors { group.addTask { await collector.collect() } }
                }
                try? await Task.sleep(for: interval)
            }
        }
        for collector in collectors { await collector.close() }
        logger.debug("runtime gauges stopped")
    }
}
