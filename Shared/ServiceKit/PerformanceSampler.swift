import Domain
import Foundation
import HostStats
import Synchronization

/// Gathers what this process measures about itself between two samples: CPU time, memory and,
/// in the gateway, each response's time, the requests in progress and the users seen.
/// `take()` closes the interval and opens the next; thread-safe.
public final class PerformanceSampler: Sendable {
    struct Interval {
        var startedAt: Date
        var cpuSeconds: Double
        var responses = LatencyHistogram()
        var serverErrors = 0
        var inFlight = 0
        var peakInFlight = 0
        var users: Set<String> = []
    }

    public let service: String
    public let instance: String
    let state: Mutex<Interval>

    public init(service: String, now: Date = Date()) {
        self.service = service
        self.instance = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
        self.state = Mutex(Interval(startedAt: now, cpuSeconds: ProcessStats.current()?.cpuSeconds ?? 0))
    }

    /// A request started.
    public func began() {
        state.withLock { interval in
            interval.inFlight += 1
            interval.peakInFlight = max(interval.peakInFlight, interval.inFlight)
        }
    }

    /// A request that `began()` ended with `status` after `milliseconds`.
    public func ended(milliseconds: Double, status: Int) {
        state.withLock { interval in
            interval.inFlight = max(0, interval.inFlight - 1)
            interval.responses.record(milliseconds: milliseconds)
            if status >= 500 { interval.serverErrors += 1 }
        }
    }

    /// A signed-in user made a request.
    public func saw(user: String) {
        state.withLock { _ = $0.users.insert(user) }
    }

    /// Closes the current interval as a sample (with responses when `withResponses`) and starts the next.
    public func take(withResponses: Bool, now: Date = Date()) -> PerformanceSample {
        let stats = ProcessStats.current()
        let cpuNow = stats?.cpuSeconds ?? 0
        return state.withLock { interval in
            let sample = PerformanceSample(
                service: service, instance: instance, startedAt: interval.startedAt, endedAt: now,
                cpuSeconds: max(0, cpuNow - interval.cpuSeconds), residentBytes: stats?.residentBytes ?? 0,
                responses: withResponses ? interval.responses : nil, serverErrors: interval.serverErrors,
                peakInFlight: interval.peakInFlight, activeUsers: interval.users.count)
            interval = Interval(startedAt: now, cpuSeconds: cpuNow, inFlight: interval.inFlight, peakInFlight: interval.inFlight)
            return sample
        }
    }
}
