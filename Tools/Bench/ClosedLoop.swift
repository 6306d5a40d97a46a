import Synchronization

/// A shared allowance of requests: workers take one before each request and stop when none is left.
final class RequestBudget: Sendable {
    private let remaining: Atomic<Int>

    init(_ limit: Int) { remaining = Atomic(limit) }

    /// Takes one request from the budget; false once it is spent.
    func take() -> Bool {
        remaining.subtract(1, ordering: .relaxed).newValue >= 0
    }
}

/// A closed loop: `workers` concurrent workers, each sending its next request as soon as the
/// previous one answered, until `duration` has passed or `maxRequests` were sent, whichever
/// comes first. Every request carries its own time-out, so the loop always ends.
enum ClosedLoop {
    struct Result: Sendable {
        var tally: Tally
        /// From the first request to the last answer.
        var seconds: Double
    }

    static func run(workers: Int, duration: Duration, maxRequests: Int,
                    request: @escaping @Sendable (_ worker: Int, _ iteration: Int) async -> Outcome) async -> Result {
        let budget = RequestBudget(maxRequests)
        let clock = ContinuousClock()
        let started = clock.now
        let deadline = started + duration
        let tally = await withTaskGroup(of: Tally.self) { group in
            for worker in 0..<max(1, workers) {
                group.addTask {
                    var own = Tally()
                    var iteration = 0
                    while clock.now < deadline, !Task.isCancelled, budget.take() {
                        own.record(await request(worker, iteration))
                        iteration += 1
                    }
                    return own
                }
            }
            var merged = Tally()
            for await own in group { merged.merge(own) }
            return merged
        }
        return Result(tally: tally, seconds: (clock.now - started).seconds)
    }
}

extension Duration {
    /// The duration in (fractional) seconds.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }

    var milliseconds: Double { seconds * 1000 }
}
