/// How patiently event consumers work (see `RetryPolicy` and `ConsumerShutdown`).
extension ServiceEnvironment {
    /// `ONEGATE_HANDLER_DEADLINE_SECONDS` (default 30): an event handler attempt still running
    /// then is abandoned and retried.
    public var handlerDeadline: Duration { .seconds(max(1, int("ONEGATE_HANDLER_DEADLINE_SECONDS", default: 30))) }

    /// `ONEGATE_SHUTDOWN_GRACE_SECONDS` (default 8): on SIGTERM, in-flight events have this long to
    /// finish before they go back to the queue, so a service stops within 10 seconds.
    public var consumerShutdownGrace: Duration { .seconds(max(1, int("ONEGATE_SHUTDOWN_GRACE_SECONDS", default: 8))) }
}
