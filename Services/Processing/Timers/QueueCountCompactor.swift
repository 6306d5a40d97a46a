import Logging
import ServiceKit
import ServiceLifecycle

/// Folds the work queues' appended count changes into their counts every `interval` (migration
/// 0009, `QueueCounts`), so a tab's count stays a sum over a few rows however busy the agency is.
/// Counts are exact without it; it only keeps the change table short. Every processing instance
/// runs one; one at a time folds (an advisory lock).
struct QueueCountCompactor: Sendable {
    let runtime: ServiceRuntime
    let counts: QueueCounts
    let interval: Duration

    /// Compacts until the service shuts down gracefully.
    func run() async {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    _ = try await counts.compact(runtime.database, logger: runtime.logger)
                } catch is CancellationError {
                    return
                } catch {
                    runtime.logger.warning("queue count compaction failed; retrying", metadata: ["error": "\(String(reflecting: error))"])
                }
                try? await Task.sleep(for: interval)
            }
        }
    }
}
