import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO
import ServiceKit

/// The RPC operations of the reports (`reporting.summary`, `.overdue`, `.officers`, `.procedures`,
/// `.dashboard`, and the CSV form of the summary). Administrators, supervisors, agency leaders and
/// department heads see the agencies of their units (`ReportScope`: a whole province or ministry
/// from its root unit); anyone else is refused. Checked here, whatever the gateway did.
struct ReportHandlers: Sendable {
    let runtime: ServiceRuntime
    let statistics: StatisticsStore
    let units: OrgUnitCopies
    /// The clock, replaceable for tests of the service as a process is not needed: `now` is the wall clock.
    var now: @Sendable () -> Moment = { Moment(Date()) }

    /// The longest period a report covers.
    static let maximumDays = 3_700

    func summary(_ query: StatisticsQuery, context: RPCContext) async throws -> StatisticsReport {
        let period = try Self.period(from: query.from, to: query.to)
        return try await runtime.database.withConnection { connection in
            let filter = try await scope(context.caller, agency: query.agency, procedure: query.procedure, on: connection, logger: context.logger)
            return try await report(period: period, groupBy: query.groupBy, filter: filter, on: connection, logger: context.logger)
        }
    }

    func overdue(_ query: OverdueQuery, context: RPCContext) async throws -> OverdueList {
        var errors: [FieldError] = []
        if !(0...720).contains(query.dueWithinHours) { errors.append(FieldError(field: "dueWithinHours", message: "must be from 0 to 720")) }
        do {
            _ = try Paging.validated(page: query.page, pageSize: query.pageSize, pageSizes: 1...200)
        } catch let failure as ValidationFailure {
            errors += failure.errors
        }
        guard errors.isEmpty else { throw Problem.validation(errors) }
        return try await runtime.database.withConnection { connection in
            let filter = try await scope(context.caller, agency: query.agency, procedure: nil, on: connection, logger: context.logger)
            return try await statistics.overdue(query, filter: filter, now: now(), on: connection, logger: context.logger)
        }
    }

    func officers(_ query: PeriodQuery, context: RPCContext) async throws -> OfficerReport {
        let period = try Self.period(from: query.from, to: query.to)
        return try await runtime.database.withConnection { connection in
            let filter = try await scope(context.caller, agency: query.agency, procedure: nil, on: connection, logger: context.logger)
            return OfficerReport(from: query.from, to: query.to,
                                 items: try await statistics.officers(period: period, filter: filter, on: connection, logger: context.logger))
        }
    }

    func procedures(_ query: PeriodQuery, context: RPCContext) async throws -> ProcedureReport {
        let period = try Self.period(from: query.from, to: query.to)
        return try await runtime.database.withConnection { connection in
            let filter = try await scope(context.caller, agency: query.agency, procedure: nil, on: connection, logger: context.logger)
            return ProcedureReport(from: query.from, to: query.to,
                                   items: try await statistics.procedures(period: period, filter: filter, on: connection, logger: context.logger))
        }
    }

    func dashboard(_ query: DashboardQuery, context: RPCContext) async throws -> Dashboard {
        guard (1...52).contains(query.weeks) else { throw Problem.validation([FieldError(field: "weeks", message: "must be from 1 to 52")]) }
        let moment = now()
        let today = moment.vietnamDate
        return try await runtime.database.withConnection { connection in
            let logger = context.logger
            let filter = try await scope(context.caller, agency: query.agency, procedure: nil, on: connection, logger: logger)
            let todays = try await statistics.figures(period: ReportPeriod(first: today, last: today)!, groupBy: .agency, filter: filter,
                                                      now: moment, on: connection, logger: logger).total
            var trend: [OverdueWeek] = []
            let thisWeek = today.mondayOfWeek
            for back in (0..<query.weeks).reversed() {
                let monday = thisWeek.adding(days: -7 * back)
                let sunday = min(monday.adding(days: 6), today)
                let week = try await statistics.figures(period: ReportPeriod(first: monday, last: sunday)!, groupBy: .agency,
                                                        filter: filter, now: moment, on: connection, logger: logger).total
                trend.append(OverdueWeek(weekStart: monday.description, resolved: week.resolved.total,
                                         resolvedOverdue: week.resolved.overdue, inProgressOverdue: week.inProgress.overdue))
            }
            let soon = try await statistics.dueSoon(hours: 24, filter: filter, now: moment, on: connection, logger: logger)
            return Dashboard(asOf: moment.date, today: today.description, todayFigures: StatisticsRow(group: nil, figures: todays),
                             backlog: todays.inProgress, dueWithin24Hours: soon, overdueTrend: trend)
        }
    }

    private func report(period: ReportPeriod, groupBy: ReportGrouping, filter: StatisticsStore.Filter,
                        on connection: PostgresConnection, logger: Logger) async throws -> StatisticsReport {
        let moment = now()
        let (rows, total) = try await statistics.figures(period: period, groupBy: groupBy, filter: filter, now: moment,
                                                         on: connection, logger: logger)
        let ratings = try await RatingFiguresStore(schema: statistics.schema).counts(period: period, groupBy: groupBy, filter: filter,
                                                                                      on: connection, logger: logger)
        return StatisticsReport(from: period.first.description, to: period.last.description, groupBy: groupBy,
                                asOf: min(moment, period.end).date,
                                items: Self.rows(rows, ratings: ratings),
                                total: StatisticsRow(group: nil, figures: total, ratings: ratings.values.reduce(RatingCounts(), +)))
    }

    /// The figures' rows with each group's ratings, and a row of zero figures for a group that
    /// has only ratings in the period (a dossier finished before it, rated within it), by group.
    static func rows(_ figures: [(String, StatisticalFigures)], ratings: [String: RatingCounts]) -> [StatisticsRow] {
        var rows = figures.map { StatisticsRow(group: $0.0, figures: $0.1, ratings: ratings[$0.0] ?? RatingCounts()) }
        let present = Set(figures.map(\.0))
        rows += ratings.filter { !present.contains($0.key) }.map { StatisticsRow(group: $0.key, figures: .zero, ratings: $0.value) }
        return rows.sorted { ($0.group ?? "") < ($1.group ?? "") }
    }

    /// The period of `from`…`to`, naming each bad field.
    static func period(from: String, to: String) throws -> ReportPeriod {
        var errors: [FieldError] = []
        let first = LocalDate(iso: from)
        let last = LocalDate(iso: to)
        if first == nil { errors.append(FieldError(field: "from", message: "must be a date YYYY-MM-DD")) }
        if last == nil { errors.append(FieldError(field: "to", message: "must be a date YYYY-MM-DD")) }
        if let first, let last {
            if last < first {
                errors.append(FieldError(field: "to", message: "must not be before from"))
            } else if first.days(until: last) >= maximumDays {
                errors.append(FieldError(field: "to", message: "the period must be shorter than \(maximumDays) days"))
            }
        }
        guard errors.isEmpty, let first, let last, let period = ReportPeriod(first: first, last: last) else {
            throw Problem.validation(errors)
        }
        return period
    }

    /// The dossiers the caller may see (`ReportScope`), narrowed to `agency` and `procedure`: 401
    /// for anonymous callers, 403 for callers without a reading role or asking for an agency
    /// outside their scope. Without `agency`, the figures cover the caller's scope only.
    func scope(_ caller: Caller, agency: String?, procedure: String?, on connection: PostgresConnection,
               logger: Logger) async throws -> StatisticsStore.Filter {
        let scope = try await ReportScopeResolver(units: units).scope(of: caller, on: connection, logger: logger)
        if let agency, !scope.contains(agency) {
            throw Problem(status: 403, title: "Forbidden", detail: "Agency \(agency) is outside the caller's units.")
        }
        return StatisticsStore.Filter(agency: agency, procedure: procedure, scope: scope)
    }
}
