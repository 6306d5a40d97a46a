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
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
            existing = registry
            return registry
        }
    }

    /// The Prometheus text exposition of `registry`.
    public static func render(_ registry: PrometheusCollectorRegistry) -> String {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }
}
