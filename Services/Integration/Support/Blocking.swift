import Foundation

/// Runs blocking work (DNS look-ups, libcurl) on a thread of its own, never on Swift's
/// cooperative pool, and resumes the caller when it is done.
enum Blocking {
    static func run<Result: Sendable>(_ work: @escaping @Sendable () throws -> Result) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Swift.Result { try work() })
            }
        }
    }
}
