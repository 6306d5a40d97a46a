import Domain
import Foundation

/// `reporting.performance`: the Annex IV criteria over `from..<to` (administrators only).
public struct PerformanceQuery: Codable, Sendable, Equatable {
    public var from: Date
    public var to: Date
    /// The width of a chart point; reporting picks one when absent.
    public var stepSeconds: Int?

    public init(from: Date, to: Date, stepSeconds: Int? = nil) {
        self.from = from
        self.to = to
        self.stepSeconds = stepSeconds
    }

    /// The longest period one report covers.
    public static let maximumDays = 400
}

/// `reporting.record-performance`: samples a process without an outbox (the gateway) hands over.
public struct PerformanceSamples: Codable, Sendable, Equatable {
    public var samples: [PerformanceSample]

    public init(samples: [PerformanceSample]) { self.samples = samples }
}

extension EventName {
    /// `<service>.performance.sampled`: one process's `PerformanceSample` for an interval;
    /// reporting keeps them for the performance report.
    public static func performanceSampled(by service: ServiceName) -> EventName {
        EventName(routingKey: "\(service.rawValue).performance.sampled")
    }

    /// The binding that matches every service's samples.
    public static let anyPerformanceSample = "*.performance.sampled"
}
