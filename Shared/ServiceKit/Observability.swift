import Contracts
import Logging
import Metrics
import Prometheus
import Synchronization

/// Process-wide logging and metrics set-up; both back-ends can be bootstrapped once per process only.
public enum Observability {
    static let bootstrapped = Mutex<PrometheusCollectorRegistry?>(nil)

    /// Installs the log handler and the Prometheus metrics factory; returns the registry that
    /// `/metrics` renders. Safe to call more than once.
    @discardableResult
    public static func bootstrap(service: String, environment: ServiceEnvironment) -> PrometheusCollectorRegistry {
        bootstrapped.withLock { existing in
            if let existing { return existing }
            let level = environment.logLevel
            let json = environment.logFormat == "json"
            LoggingSystem.bootstrap { label in
                if json { return JSONLogHandler(label: label, service: service, level: level) }
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
            let registry = PrometheusCollectorRegistry()
            var factory = PrometheusMetricsFactory(registry: registry)
            factory.defaultDurationHistogramBuckets = latencyBuckets
            factory.durationHistogramBuckets = ["onegate_message_lag_seconds": lagBuckets]
            MetricsSystem.bootstrap(factory)
            existing = registry
            return registry
        }
    }

    /// Buckets of every duration histogram (HTTP requests, RPC handlers and calls, event
    /// handlers): from 1 ms, since most requests take a few milliseconds, up to 10 s.
    static let latencyBuckets: [Duration] = [
        .milliseconds(1), .microseconds(2500), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
        .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
    ]

    /// Buckets of the consumer lag: milliseconds when keeping up, minutes after an outage.
    static let lagBuckets: [Duration] = [
        .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500),
        .seconds(5), .seconds(10), .seconds(30), .seconds(60), .seconds(300),
    ]

    /// The Prometheus text exposition of `registry`.
    public static func render(_ registry: PrometheusCollectorRegistry) -> String {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }
}
