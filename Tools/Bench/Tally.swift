/// What one request of a scenario came to: its latency and, when it failed, why.
struct Outcome: Sendable {
    var milliseconds: Double
    /// `nil` when the request succeeded; otherwise `HTTP 409`, `timeout`, `transport` …
    var error: String?

    static func ok(_ milliseconds: Double) -> Outcome { Outcome(milliseconds: milliseconds, error: nil) }
    static func failed(_ reason: String, _ milliseconds: Double) -> Outcome { Outcome(milliseconds: milliseconds, error: reason) }
}

/// The outcomes of one scenario, gathered without sharing: each worker keeps its own tally and
/// the tallies are merged when the workers are done.
struct Tally: Sendable {
    /// Latencies of the successful requests, in milliseconds.
    var latencies: [Double] = []
    /// Failed requests by reason.
    var errors: [String: Int] = [:]

    var ok: Int { latencies.count }
    var errorCount: Int { errors.values.reduce(0, +) }
    var requests: Int { ok + errorCount }

    mutating func record(_ outcome: Outcome) {
        if let error = outcome.error {
            errors[error, default: 0] += 1
        } else {
            latencies.append(outcome.milliseconds)
        }
    }

    mutating func merge(_ other: Tally) {
        latencies += other.latencies
        errors.merge(other.errors, uniquingKeysWith: +)
    }
}

/// Nearest-rank percentiles of a sample.
struct Percentiles: Codable, Sendable {
    var p50: Double
    var p95: Double
    var p99: Double
    var max: Double

    init?(_ sample: [Double]) {
        guard !sample.isEmpty else { return nil }
        let sorted = sample.sorted()
        func rank(_ fraction: Double) -> Double {
            let index = Int((fraction * Double(sorted.count)).rounded(.up)) - 1
            return sorted[Swift.max(0, Swift.min(sorted.count - 1, index))]
        }
        p50 = rank(0.50)
        p95 = rank(0.95)
        p99 = rank(0.99)
        max = sorted[sorted.count - 1]
    }
}
