import Foundation

/// What one process measured about itself over one interval: the raw material of the Annex IV
/// criteria (Circular 22/2019, Article 7). The gateway adds the responses it served; the
/// database sample (service `database`) adds the number of server connections.
public struct PerformanceSample: Codable, Sendable, Equatable, Identifiable {
    /// Unique per sample, so a sample sent twice is stored once.
    public var id: UUID
    /// `gateway`, `intake`, …, or `database`.
    public var service: String
    /// The process (host and pid), so several instances of a service stay apart.
    public var instance: String
    public var startedAt: Date
    public var endedAt: Date
    /// CPU time used during the interval (user + system), in seconds.
    public var cpuSeconds: Double
    /// Resident memory at the end of the interval.
    public var residentBytes: Int64
    /// Responses served during the interval (gateway only).
    public var responses: LatencyHistogram?
    /// Responses with a 5xx status during the interval (gateway only).
    public var serverErrors: Int
    /// The most requests in progress at once during the interval.
    public var peakInFlight: Int
    /// Distinct signed-in users who made a request during the interval.
    public var activeUsers: Int
    /// Server connections at the end of the interval (database only).
    public var connections: Int?

    public init(id: UUID = UUID(), service: String, instance: String, startedAt: Date, endedAt: Date,
                cpuSeconds: Double, residentBytes: Int64, responses: LatencyHistogram? = nil, serverErrors: Int = 0,
                peakInFlight: Int = 0, activeUsers: Int = 0, connections: Int? = nil) {
        self.id = id
        self.service = service
        self.instance = instance
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.cpuSeconds = cpuSeconds
        self.residentBytes = residentBytes
        self.responses = responses
        self.serverErrors = serverErrors
        self.peakInFlight = peakInFlight
        self.activeUsers = activeUsers
        self.connections = connections
    }

    /// The interval's length in seconds (never negative).
    public var seconds: Double { max(0, endedAt.timeIntervalSince(startedAt)) }
}

/// One health probe of the whole service set, as a user would see it: the gateway answered
/// `/ready` and every service behind it was ready (`up`), or what failed.
public struct HealthProbe: Codable, Sendable, Equatable {
    public var at: Date
    /// The time until the next probe is due; the probe speaks for that long (with some grace).
    public var intervalSeconds: Double
    public var up: Bool
    /// What was not ready: service names, `broker`, or `gateway` when it did not answer.
    public var failing: [String]

    public init(at: Date, intervalSeconds: Double, up: Bool, failing: [String] = []) {
        self.at = at
        self.intervalSeconds = intervalSeconds
        self.up = up
        self.failing = failing
    }
}
