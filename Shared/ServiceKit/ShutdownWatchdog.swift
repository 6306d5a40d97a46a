import Dispatch
import Foundation
import Logging
import Messaging
import Synchronization

/// The last word on a shutdown: once SIGTERM or SIGINT arrived, a thread of its own — not the
/// cooperative pool, which a stuck task may be holding — waits `limit` and then ends the process
/// with status 1, after logging what was still running (`InFlightWork`).
///
/// ServiceLifecycle's own escalation (a `fatalError` once cancellation overran) prints a symbolicated
/// backtrace first, which here took longer than the rest of the shutdown (a process seen alive 12 s
/// after SIGTERM). Ending the process is safe by design: the broker requeues every unacknowledged
/// delivery of a closed connection, and what the outbox holds is relayed by the next instance.
public enum ShutdownWatchdog {
    /// The signal sources, kept alive for the process's life; nil until installed.
    private static let sources = Mutex<[any DispatchSourceSignal]?>(nil)

    /// Installs the watchdog once per process (later calls change nothing).
    public static func install(limit: Duration, logger: Logger) {
        sources.withLock { sources in
            guard sources == nil else { return }
            let fired = Mutex(false)
            var made: [any DispatchSourceSignal] = []
            for signal in [SIGTERM, SIGINT] {
                let source = DispatchSource.makeSignalSource(signal: signal, queue: .global())
                source.setEventHandler {
                    guard fired.withLock({ fired in defer { fired = true }; return !fired }) else { return }
                    let thread = Thread { expire(after: limit, logger: logger) }
                    thread.name = "shutdown-watchdog"
                    thread.start()
                }
                source.resume()
                made.append(source)
            }
            sources = made
        }
    }

    private static func expire(after limit: Duration, logger: Logger) {
        let (seconds, attoseconds) = limit.components
        Thread.sleep(forTimeInterval: Double(seconds) + Double(attoseconds) / 1e18)
        logger.error("shutdown did not finish in time; ending the process (unacknowledged deliveries return to their queues)",
                     metadata: ["limit_seconds": "\(seconds)", "still_running": "\(InFlightWork.summary)"])
        _exit(1)
    }
}
