import Foundation

/// The five criteria of Circular 22/2019 Annex IV over a period, computed from recorded samples and
/// health probes: average and slowest response time, load of the database and of each process,
/// concurrent access and use, and continuous uptime; with a series for charts.
public struct PerformanceReport: Codable, Sendable, Equatable {
    public var from: Date
    public var to: Date
    /// The width of each point of `series`.
    public var stepSeconds: Int
    public var responseTime: ResponseTimeFigures
    /// One entry per service (and `database`), by name.
    public var processes: [ProcessLoad]
    public var concurrency: ConcurrencyFigures
    public var uptime: UptimeFigures
    public var series: [PerformancePoint]
}

/// Criteria 1 and 2: how long the gateway took to answer (requests to `/health`, `/ready` and
/// `/metrics` excluded). Percentiles are the upper bound of their histogram bucket.
public struct ResponseTimeFigures: Codable, Sendable, Equatable {
    public var requests: Int
    public var serverErrors: Int
    public var averageMilliseconds: Double?
    public var p50Milliseconds: Double?
    public var p95Milliseconds: Double?
    public var p99Milliseconds: Double?
    /// The slowest single response.
    public var maxMilliseconds: Double?
}

/// Criterion 3: CPU (100 % = one core) and resident memory of one service's processes, or of
/// the database server (`database`, with its connections).
public struct ProcessLoad: Codable, Sendable, Equatable {
    public var service: String
    public var instances: Int
    public var samples: Int
    public var cpuSeconds: Double
    /// CPU seconds over the time sampled (instances running at once add up).
    public var averageCpuPercent: Double
    /// The busiest single interval of one instance.
    public var peakCpuPercent: Double
    public var averageResidentMiB: Double
    public var peakResidentMiB: Double
    public var peakConnections: Int?
}

/// Criterion 4: concurrent access and use, per gateway instance.
public struct ConcurrencyFigures: Codable, Sendable, Equatable {
    /// The most requests in progress at once.
    public var peakInFlight: Int
    public var peakInFlightAt: Date?
    /// The most distinct signed-in users active within one sampling interval.
    public var peakActiveUsers: Int
    public var peakActiveUsersAt: Date?
}

/// Criterion 5: continuous operation, from the system's own health probes. Time no probe speaks
/// for (the monitor itself was down) counts against uptime and is reported apart.
public struct UptimeFigures: Codable, Sendable, Equatable {
    /// Up time over the whole period.
    public var percent: Double
    public var upSeconds: Double
    public var downSeconds: Double
    public var unobservedSeconds: Double
    public var probes: Int
    public var outages: [Outage]
}

/// A continuous stretch in which the service set was not seen up.
public struct Outage: Codable, Sendable, Equatable {
    public var from: Date
    public var to: Date
    public var seconds: Double
    /// What failed (service names, `broker`, `gateway`), or `unobserved` where no probe was recorded.
    public var causes: [String]

    public init(from: Date, to: Date, seconds: Double, causes: [String]) {
        self.from = from
        self.to = to
        self.seconds = seconds
        self.causes = causes
    }
}

/// One point of the chart series.
public struct PerformancePoint: Codable, Sendable, Equatable {
    public var start: Date
    public var requests: Int
    public var averageMilliseconds: Double?
    public var p99Milliseconds: Double?
    public var maxMilliseconds: Double?
    public var peakInFlight: Int
    public var activeUsers: Int
    /// By service: CPU percent over the step (summed over instances).
    public var cpuPercent: [String: Double]
    /// By service: the highest resident memory in the step (summed over instances).
    public var residentMiB: [String: Double]
    /// Up time within the step; `nil` for a step after the period's end.
    public var uptimePercent: Double?
}
