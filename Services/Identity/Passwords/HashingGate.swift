import Contracts
import Metrics

/// Bounds the Argon2id computations in progress: each takes `memoryKiB` (64 MiB by default), so
/// a handful of parallel sign-ins could otherwise exhaust the process's memory. At most `permits`
/// run at once; further callers queue in arrival order for at most `maximumWait`, and at most
/// `maximumQueue` of them — beyond either, the caller gets a 503 problem with `Retry-After`.
///
/// Gauges: `onegate_identity_password_hashes_in_flight`, `…_waiting`, and
/// `…_in_flight_peak` (the highest in-flight count since start); counter
/// `onegate_identity_password_hashes_refused_total`.
actor HashingGate {
    let permits: Int
    let maximumWait: Duration
    let maximumQueue: Int
    private var inUse = 0
    private var peak = 0
    private var nextTicket: UInt64 = 0
    private var waiters: [(ticket: UInt64, continuation: CheckedContinuation<Bool, Never>, timer: Task<Void, Never>?)] = []

    private let inFlightGauge = Gauge(label: "onegate_identity_password_hashes_in_flight")
    private let peakGauge = Gauge(label: "onegate_identity_password_hashes_in_flight_peak")
    private let waitingGauge = Gauge(label: "onegate_identity_password_hashes_waiting")
    private let refused = Counter(label: "onegate_identity_password_hashes_refused_total")

    static let busy = Problem(status: 503, title: "Sign-in busy",
                              detail: "Too many passwords are being checked right now; try again in a moment.", retryAfter: 1)

    init(permits: Int, maximumWait: Duration, maximumQueue: Int) {
        self.permits = max(1, permits)
        self.maximumWait = maximumWait
        self.maximumQueue = max(0, maximumQueue)
    }

    /// Runs `work` (off the cooperative pool: it is expected to block a GCD thread) under a permit.
    nonisolated func run<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) async throws -> T {
        guard await acquire() else { throw Self.busy }
        do {
            let result = try await work()
            await release()
            return result
        } catch {
            await release()
            throw error
        }
    }

    /// The highest number of hashes that ran at once since start.
    var peakInFlight: Int { peak }

    private func acquire() async -> Bool {
        if inUse < permits {
            took()
            return true
        }
        guard waiters.count < maximumQueue else {
            refused.increment()
            return false
        }
        nextTicket += 1
        let ticket = nextTicket
        let wait = maximumWait
        let granted = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let timer = Task { [weak self] in
                try? await Task.sleep(for: wait)
                await self?.expire(ticket)
            }
            waiters.append((ticket, continuation, timer))
            waitingGauge.record(waiters.count)
        }
        if !granted { refused.increment() }
        return granted
    }

    private func took() {
        inUse += 1
        peak = max(peak, inUse)
        inFlightGauge.record(inUse)
        peakGauge.record(peak)
    }

    /// A permit handed back: to the longest-waiting caller, or to the pool.
    private func release() {
        if !waiters.isEmpty {
            let next = waiters.removeFirst()
            waitingGauge.record(waiters.count)
            next.timer?.cancel()
            next.continuation.resume(returning: true)  // the permit passes on: inUse is unchanged
        } else {
            inUse -= 1
            inFlightGauge.record(inUse)
        }
    }

    private func expire(_ ticket: UInt64) {
        guard let index = waiters.firstIndex(where: { $0.ticket == ticket }) else { return }
        let waiter = waiters.remove(at: index)
        waitingGauge.record(waiters.count)
        waiter.continuation.resume(returning: false)
    }
}
