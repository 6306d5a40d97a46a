import Foundation

/// `reporting.intake-counts`: submissions counted by reporting from events, per agency and channel.
public struct IntakeCountsQuery: Codable, Sendable {
    public var agencyCode: String?
    public init(agencyCode: String?) { self.agencyCode = agencyCode }
}

/// One row of the intake counts.
public struct IntakeCountRow: Codable, Sendable, Hashable {
    public var agencyCode: String
    public var online: Int
    public var direct: Int
    public var postal: Int
    public var total: Int

    public init(agencyCode: String, online: Int, direct: Int, postal: Int) {
        self.agencyCode = agencyCode
        self.online = online
        self.direct = direct
        self.postal = postal
        self.total = online + direct + postal
    }
}

/// The reply of `reporting.intake-counts`.
public struct IntakeCounts: Codable, Sendable, Hashable {
    public var items: [IntakeCountRow]
    public var total: Int
    public init(items: [IntakeCountRow]) {
        self.items = items
        self.total = items.reduce(0) { $0 + $1.total }
    }
}

/// The reply of `<service>.ping`: readiness of one service.
public struct Readiness: Codable, Sendable, Hashable {
    public var service: String
    public var ready: Bool
    public var checks: [String: Bool]

    public init(service: String, checks: [String: Bool]) {
        self.service = service
        self.checks = checks
        self.ready = checks.values.allSatisfy { $0 }
    }
}
