import Foundation

/// One row of the scenario table.
struct ScenarioFigures: Codable, Sendable {
    var name: String
    var requests: Int
    var ok: Int
    var errors: Int
    var errorsByReason: [String: Int]
    var seconds: Double
    /// Successful requests per second over the scenario's time.
    var throughput: Double
    var latencyMs: Percentiles?

    init(name: String, tally: Tally, seconds: Double) {
        self.name = name
        requests = tally.requests
        ok = tally.ok
        errors = tally.errorCount
        errorsByReason = tally.errors
        self.seconds = seconds
        throughput = seconds > 0 ? Double(tally.ok) / seconds : 0
        latencyMs = Percentiles(tally.latencies)
    }
}

/// T: the commits one accepted submission costs our path, from `pg_stat_database`.
struct CommitCost: Codable, Sendable {
    var commits: Int64
    var accepted: Int
    var perSubmission: Double
    /// Rounded up: the T pgbench repeats.
    var transactions: Int
    var note = "counts every commit of every database during the submissions and their drain (read-only ones too)"
    /// Commits per second of the idle system (services polling, timers…), measured just before.
    var idleCommitsPerSecond: Double?
    /// Seconds between the two readings of the counter.
    var windowSeconds: Double
    /// Per submission without the idle rate over the window (for information; pgbench uses `transactions`).
    var netPerSubmission: Double?
}

/// A QUALITY.md target against what was measured; `met` nil when the run could not tell.
struct TargetCheck: Codable, Sendable {
    var what: String
    var target: String
    var measured: String
    var met: Bool?
}

/// Everything a run measured: what is printed and what is written to the JSON file.
struct BenchReport: Codable, Sendable {
    var date: String
    var buildConfiguration: String
    var smoke: Bool
    var hardware: Hardware
    var settings: [String: String]
    var scenarios: [ScenarioFigures]
    var drain: SubmissionScenario.Drain?
    var commitCost: CommitCost?
    var baseline: PostgresBaseline.Result?
    /// Our submissions/s over the baseline's.
    var ratio: Double?
    var webhooks: WebhookScenario.Result?
    var targets: [TargetCheck]
    var processes: [ProcessSampler.Figures]
    /// Errors the run could not explain; non-empty makes the command exit non-zero.
    var failures: [String]

    /// Writes `bench-<UTC timestamp>.json` under `directory` and copies it to `latest.json`; the path.
    func write(to directory: URL) throws -> URL {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(self)
        let stamp = date.replacingOccurrences(of: ":", with: "").replacingOccurrences(of: "-", with: "")
        let file = directory.appendingPathComponent("bench-\(stamp).json")
        try data.write(to: file, options: .atomic)
        try data.write(to: directory.appendingPathComponent("latest.json"), options: .atomic)
        return file
    }
}
