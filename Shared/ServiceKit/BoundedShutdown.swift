import Logging
import ServiceLifecycle

extension ServiceGroupConfiguration {
    /// A service group that stops on SIGTERM or SIGINT within 10 seconds whatever its services do:
    /// graceful shutdown gets `ONEGATE_SHUTDOWN_GRACE_SECONDS` plus half a second (consumers requeue
    /// what they have not finished by then), then the remaining tasks are cancelled, and a task that
    /// ignores cancellation ends the process (`ShutdownWatchdog`, at the grace plus one second).
    /// The broker requeues every unacknowledged delivery of a closed connection, so nothing is lost.
    /// The group's own lifecycle lines (which service started, finished, is still shutting down) are
    /// logged at debug level and kept, as they name what held a slow shutdown up.
    public static func bounded(services: [ServiceConfiguration], environment: ServiceEnvironment,
                               logger: Logger) -> ServiceGroupConfiguration {
        var lifecycle = logger
        lifecycle.logLevel = min(logger.logLevel, .debug)
        // Last, so told first; before ServiceLifecycle's own escalation (grace + 0.5 s + 1 s), whose backtrace is slow.
        let watchdog = ServiceConfiguration(service: ShutdownWatchdog(limit: environment.consumerShutdownGrace + .seconds(1), logger: logger),
                                            successTerminationBehavior: .ignore, failureTerminationBehavior: .ignore)
        var configuration = ServiceGroupConfiguration(services: services + [watchdog], gracefulShutdownSignals: [.sigterm, .sigint],
                                                      logger: lifecycle)
        configuration.maximumGracefulShutdownDuration = environment.consumerShutdownGrace + .milliseconds(500)
        configuration.maximumCancellationDuration = .seconds(1)
        return configuration
    }
}
