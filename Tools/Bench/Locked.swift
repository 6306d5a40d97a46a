import Synchronization

/// A value behind a mutex, as a class so escaping closures and concurrent tasks can share it
/// (a `Mutex` itself cannot be captured: it is not copyable).
final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    init(_ value: Value) { mutex = Mutex(value) }

    func withLock<Result: Sendable>(_ body: (inout sending Value) -> sending Result) -> Result {
        mutex.withLock(body)
    }

    var value: Value { mutex.withLock { $0 } }
}

/// A counter shared by concurrent workers, e.g. to hand out the next item of a list.
final class SharedCounter: Sendable {
    private let atomic: Atomic<Int>

    init(_ start: Int = 0) { atomic = Atomic(start) }

    /// The value before adding one.
    func next() -> Int { atomic.add(1, ordering: .relaxed).oldValue }

    var value: Int { atomic.load(ordering: .relaxed) }
}
