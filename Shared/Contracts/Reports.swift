import Domain
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

// MARK: - Statistical report and direction (issue 6)

/// How the statistical report groups its rows.
public enum ReportGrouping: String, Codable, Sendable, Hashable, CaseIterable {
    case agency
    case procedure
}

/// `reporting.summary`: the statistical report for the days `from`…`to` (`YYYY-MM-DD`, Vietnam dates, both included).
public struct StatisticsQuery: Codable, Sendable, Hashable {
    public var from: String
    public var to: String
    public var groupBy: ReportGrouping
    public var agency: String?
    public var procedure: String?

    public init(from: String, to: String, groupBy: ReportGrouping, agency: String? = nil, procedure: String? = nil) {
        self.from = from
        self.to = to
        self.groupBy = groupBy
        self.agency = agency
        self.procedure = procedure
    }
}

/// One row of the statistical report: a group (an agency or a procedure) and its figures.
public struct StatisticsRow: Codable, Sendable, Hashable {
    /// The agency identifier or procedure code; nil on the total row.
    public var group: String?
    public var received: StatisticalFigures.Received
    public var resolved: StatisticalFigures.Resolved
    public var inProgress: StatisticalFigures.InProgress
    public var refused: Int
    public var withdrawn: Int
    public var stopped: Int
    public var onTimeRate: Double
    /// The applicants' ratings given on the period's days (issue 15); nil where a report has none
    /// (the dashboard's day figures).
    public var ratings: RatingCounts?

    public init(group: String?, figures: StatisticalFigures, ratings: RatingCounts? = nil) {
        self.group = group
        self.received = figures.received
        self.resolved = figures.resolved
        self.inProgress = figures.inProgress
        self.refused = figures.refused
        self.withdrawn = figures.withdrawn
        self.stopped = figures.stopped
        self.onTimeRate = figures.onTimeRate
        self.ratings = ratings
    }
}

/// The reply of `reporting.summary`.
public struct StatisticsReport: Codable, Sendable, Hashable {
    public var from: String
    public var to: String
    public var groupBy: ReportGrouping
    /// The moment the in-progress figures were judged at (the earlier of now and the period's end).
    public var asOf: Date
    public var items: [StatisticsRow]
    public var total: StatisticsRow

    public init(from: String, to: String, groupBy: ReportGrouping, asOf: Date, items: [StatisticsRow], total: StatisticsRow) {
        self.from = from
        self.to = to
        self.groupBy = groupBy
        self.asOf = asOf
        self.items = items
        self.total = total
    }

    /// The Vietnamese column names of the CSV file.
    public static let csvHeader = [
        "Mã đơn vị/thủ tục", "Tổng số hồ sơ tiếp nhận", "Tiếp nhận trực tuyến trong kỳ", "Tiếp nhận trực tiếp và bưu chính trong kỳ",
        "Từ kỳ trước chuyển sang", "Tổng số đã giải quyết", "Giải quyết trước hạn", "Giải quyết đúng hạn", "Giải quyết quá hạn",
        "Tổng số đang giải quyết", "Đang giải quyết trong hạn", "Đang giải quyết quá hạn", "Không được tiếp nhận", "Rút hồ sơ",
        "Dừng xử lý", "Tỷ lệ đúng hạn (%)",
    ]

    /// The report as CSV (RFC 4180, CRLF), UTF-8 with a byte-order mark so spreadsheet programs
    /// show Vietnamese correctly; the last line is the total (`Tổng cộng`).
    public var csv: Data {
        func field(_ text: String) -> String {
            text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        func line(_ row: StatisticsRow, name: String) -> String {
            ([name] + [row.received.total, row.received.online, row.received.directOrPostal, row.received.carriedOver,
                       row.resolved.total, row.resolved.early, row.resolved.onTime, row.resolved.overdue,
                       row.inProgress.total, row.inProgress.withinDeadline, row.inProgress.overdue,
                       row.refused, row.withdrawn, row.stopped].map(String.init) + [String(format: "%.2f", row.onTimeRate)])
                .map(field).joined(separator: ",")
        }
        var lines = [Self.csvHeader.map(field).joined(separator: ",")]
        lines += items.map { line($0, name: $0.group ?? "") }
        lines.append(line(total, name: "Tổng cộng"))
        return Data([0xEF, 0xBB, 0xBF]) + Data((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }
}

/// `reporting.overdue`: dossiers in progress that are overdue or due within `dueWithinHours`.
public struct OverdueQuery: Codable, Sendable, Hashable {
    public var agency: String?
    public var unit: String?
    /// Also list dossiers due within this many hours (default 0: overdue only).
    public var dueWithinHours: Int
    public var page: Int
    public var pageSize: Int

    public init(agency: String? = nil, unit: String? = nil, dueWithinHours: Int = 0, page: Int = 1, pageSize: Int = 50) {
        self.agency = agency
        self.unit = unit
        self.dueWithinHours = dueWithinHours
        self.page = page
        self.pageSize = pageSize
    }
}

/// One dossier of the overdue list.
public struct OverdueItem: Codable, Sendable, Hashable {
    public var code: String
    public var agencyCode: String
    public var procedureCode: String
    public var channel: SubmissionChannel?
    public var status: StatusView?
    public var state: String?
    public var unit: String?
    public var assignee: String?
    public var receivedAt: Date?
    public var dueAt: Date?
    /// True when overdue now; false when only due soon.
    public var overdue: Bool
    /// Whole days past the due date (Vietnam dates); 0 when not overdue.
    public var daysOverdue: Int

    public init(code: String, agencyCode: String, procedureCode: String, channel: SubmissionChannel?, status: StatusView?,
                state: String?, unit: String?, assignee: String?, receivedAt: Date?, dueAt: Date?, overdue: Bool, daysOverdue: Int) {
        self.code = code
        self.agencyCode = agencyCode
        self.procedureCode = procedureCode
        self.channel = channel
        self.status = status
        self.state = state
        self.unit = unit
        self.assignee = assignee
        self.receivedAt = receivedAt
        self.dueAt = dueAt
        self.overdue = overdue
        self.daysOverdue = daysOverdue
    }
}

/// Counts of the overdue list per agency and unit.
public struct OverdueGroup: Codable, Sendable, Hashable {
    public var agencyCode: String
    public var unit: String?
    public var overdue: Int
    public var dueSoon: Int

    public init(agencyCode: String, unit: String?, overdue: Int, dueSoon: Int) {
        self.agencyCode = agencyCode
        self.unit = unit
        self.overdue = overdue
        self.dueSoon = dueSoon
    }
}

/// The reply of `reporting.overdue`.
public struct OverdueList: Codable, Sendable, Hashable {
    public var asOf: Date
    public var groups: [OverdueGroup]
    public var items: [OverdueItem]
    public var page: Int
    public var pageSize: Int
    public var total: Int

    public init(asOf: Date, groups: [OverdueGroup], items: [OverdueItem], page: Int, pageSize: Int, total: Int) {
        self.asOf = asOf
        self.groups = groups
        self.items = items
        self.page = page
        self.pageSize = pageSize
        self.total = total
    }
}

/// `reporting.officers` and `reporting.procedures`: figures over the days `from`…`to`.
public struct PeriodQuery: Codable, Sendable, Hashable {
    public var from: String
    public var to: String
    public var agency: String?

    public init(from: String, to: String, agency: String? = nil) {
        self.from = from
        self.to = to
        self.agency = agency
    }
}

/// One officer's finished handling steps (`step-completed`, `approved`) in the period.
public struct OfficerFigures: Codable, Sendable, Hashable {
    public var officerId: String
    public var name: String
    public var role: String
    public var unit: String?
    public var handled: Int
    /// Finished no later than the dossier's due date.
    public var onTime: Int
    public var late: Int
    /// Average hours from the dossier's previous hand-over to the step's end.
    public var averageHandlingHours: Double

    public init(officerId: String, name: String, role: String, unit: String?, handled: Int, onTime: Int, late: Int,
                averageHandlingHours: Double) {
        self.officerId = officerId
        self.name = name
        self.role = role
        self.unit = unit
        self.handled = handled
        self.onTime = onTime
        self.late = late
        self.averageHandlingHours = averageHandlingHours
    }
}

/// The reply of `reporting.officers`.
public struct OfficerReport: Codable, Sendable, Hashable {
    public var from: String
    public var to: String
    public var items: [OfficerFigures]

    public init(from: String, to: String, items: [OfficerFigures]) {
        self.from = from
        self.to = to
        self.items = items
    }
}

/// Handling times (reception to resolution, elapsed hours) of one procedure's dossiers resolved in the period.
public struct ProcedureFigures: Codable, Sendable, Hashable {
    public var procedureCode: String
    public var resolved: Int
    public var averageHours: Double
    public var p50Hours: Double
    public var p90Hours: Double

    public init(procedureCode: String, resolved: Int, averageHours: Double, p50Hours: Double, p90Hours: Double) {
        self.procedureCode = procedureCode
        self.resolved = resolved
        self.averageHours = averageHours
        self.p50Hours = p50Hours
        self.p90Hours = p90Hours
    }
}

/// The reply of `reporting.procedures`.
public struct ProcedureReport: Codable, Sendable, Hashable {
    public var from: String
    public var to: String
    public var items: [ProcedureFigures]

    public init(from: String, to: String, items: [ProcedureFigures]) {
        self.from = from
        self.to = to
        self.items = items
    }
}

/// `reporting.dashboard`: the leaders' and supervisors' overview, optionally for one agency.
public struct DashboardQuery: Codable, Sendable, Hashable {
    public var agency: String?
    /// How many weeks of overdue trend (default 8).
    public var weeks: Int

    public init(agency: String? = nil, weeks: Int = 8) {
        self.agency = agency
        self.weeks = weeks
    }
}

/// One week of the overdue trend (Monday to Sunday).
public struct OverdueWeek: Codable, Sendable, Hashable {
    public var weekStart: String
    /// Resolved that week, and of those late.
    public var resolved: Int
    public var resolvedOverdue: Int
    /// In progress and overdue at the week's end (now for the current week).
    public var inProgressOverdue: Int

    public init(weekStart: String, resolved: Int, resolvedOverdue: Int, inProgressOverdue: Int) {
        self.weekStart = weekStart
        self.resolved = resolved
        self.resolvedOverdue = resolvedOverdue
        self.inProgressOverdue = inProgressOverdue
    }
}

/// The reply of `reporting.dashboard`.
public struct Dashboard: Codable, Sendable, Hashable {
    public var asOf: Date
    public var today: String
    /// Today's figures (received today, resolved today…).
    public var todayFigures: StatisticsRow
    /// Dossiers in progress now: total, within deadline, overdue; and due within 24 hours.
    public var backlog: StatisticalFigures.InProgress
    public var dueWithin24Hours: Int
    public var overdueTrend: [OverdueWeek]

    public init(asOf: Date, today: String, todayFigures: StatisticsRow, backlog: StatisticalFigures.InProgress,
                dueWithin24Hours: Int, overdueTrend: [OverdueWeek]) {
        self.asOf = asOf
        self.today = today
        self.todayFigures = todayFigures
        self.backlog = backlog
        self.dueWithin24Hours = dueWithin24Hours
        self.overdueTrend = overdueTrend
    }
}
