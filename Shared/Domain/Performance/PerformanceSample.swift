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

    enum CodingKeys: String, CodingKey {
        case id, service, instance, startedAt, endedAt, cpuSeconds, residentBytes, responses, serverErrors,
             peakInFlight, activeUsers, connections
    }

    /// RFC 3339 with milliseconds: intervals can be shorter than the second the wire's default keeps.
    static let instantStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func instant(_ key: CodingKeys) throws -> Date {
            let text = try container.decode(String.self, forKey: key)
            guard let date = try? Self.instantStyle.parse(text) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "not an RFC 3339 time with fractional seconds")
            }
            return date
        }
        self.init(id: try container.decode(UUID.self, forKey: .id),
                  service: try container.decode(String.self, forKey: .service),
                  instance: try container.decode(String.self, forKey: .instance),
                  startedAt: try instant(.startedAt), endedAt: try instant(.endedAt),
                  cpuSeconds: try container.decode(Double.self, forKey: .cpuSeconds),
                  residentBytes: try container.decode(Int64.self, forKey: .residentBytes),
                  responses: try container.decodeIfPresent(LatencyHistogram.self, forKey: .responses),
                  serverErrors: try container.decode(Int.self, forKey: .serverErrors),
                  peakInFlight: try container.decode(Int.self, forKey: .peakInFlight),
                  activeUsers: try container.decode(Int.self, forKey: .activeUsers),
                  connections: try container.decodeIfPresent(Int.self, forKey: .connections))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(service, forKey: .service)
        try container.encode(instance, forKey: .instance)
        try container.encode(startedAt.formatted(Self.instantStyle), forKey: .startedAt)
        try container.encode(endedAt.formatted(Self.instantStyle), forKey: .endedAt)
        try container.encode(cpuSeconds, forKey: .cpuSeconds)
        try container.encode(residentBytes, forKey: .residentBytes)
        try container.encodeIfPresent(responses, forKey: .responses)
        try container.encode(serverErrors, forKey: .serverErrors)
        try container.encode(peakInFlight, forKey: .peakInFlight)
        try container.encode(activeUsers, forKey: .activeUsers)
        try container.encodeIfPresent(connections, forKey: .connections)
    }
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
