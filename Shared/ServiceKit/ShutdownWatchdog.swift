import Foundation
import Logging
import Messaging
import ServiceLifecycle

/// The last word on a shutdown: the service group's last service, so the first told of a graceful
/// shutdown (the group tells its services in reverse order). Told, it starts a thread of its own —
/// not the cooperative pool, which a stuck task may be holding — that waits `limit` and then ends
/// the process with status 1, after logging what was still running (`InFlightWork`).
///
/// ServiceLifecycle's own escalation (a `fatalError` once cancellation overran) prints a symbolicated
/// backtrace first, which here took longer than the rest of the shutdown (a process seen alive 12 s
/// after SIGTERM). Ending the process is safe by design: the broker requeues every unacknowledged
/// delivery of a closed connection, and what the outbox holds is relayed by the next instance.
struct ShutdownWatchdog: Service {
    let limit: Duration
    let logger: Logger

    func run() async throws {
        // Returns at graceful shutdown, throws when the group is cancelled: either way, arm.
        try? await gracefulShutdown()
        let thread = Thread { [limit, logger] in Self.expire(after: limit, logger: logger) }
        thread.name = "shutdown-watchdog"
        thread.start()
    }

    private static func expire(after limit: Duration, logger: Logger) {
        let (seconds, attoseconds) = limit.components
        Thread.sleep(forTimeInterval: Double(seconds) + Double(attoseconds) / 1e18)
        logger.error("shutdown did not finish in time; ending the process (unacknowledged deliveries return to their queues)",
                     metadata: ["limit_seconds": "\(seconds)", "still_running": "\(InFlightWork.summary)"])
        _exit(1)
    }
}
