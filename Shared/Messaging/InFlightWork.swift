import Synchronization

/// What this process is busy with, by kind (`rpc identity.users.list`, `consumer processing.intake-events`,
/// `http request`…), so that a shutdown that does not finish in time can say what held it up
/// (`ShutdownWatchdog`). Counting costs one lock per entry and exit.
public enum InFlightWork {
    private static let counts = Mutex<[String: Int]>([:])

    /// Counts one piece of `kind` as running until `body` returns.
    public static func track<T>(_ kind: String, _ body: () async throws -> T) async rethrows -> T {
        enter(kind)
        defer { leave(kind) }
        return try await body()
    }

    /// One more piece of `kind` is running.
    public static func enter(_ kind: String) { counts.withLock { $0[kind, default: 0] += 1 } }

    /// One piece of `kind` finished.
    public static func leave(_ kind: String) {
        counts.withLock { counts in
            let left = (counts[kind] ?? 1) - 1
            counts[kind] = left > 0 ? left : nil
        }
    }

    /// Everything running now, `kind×count` sorted by kind; "nothing" when idle.
    public static var summary: String {
        let now = counts.withLock { $0 }
        return now.isEmpty ? "nothing" : now.sorted { $0.key < $1.key }.map { "\($0.key)×\($0.value)" }.joined(separator: ", ")
    }
}
