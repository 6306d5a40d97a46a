import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO

/// The report queries over the read models.
struct StatisticsStore: Sendable {
    let schema: String

    /// Which dossiers a query covers: one agency or procedure, within the agencies the caller may see.
    struct Filter: Sendable {
        var agency: String?
        var procedure: String?
        var scope: ReportScope

        /// `AND …` conditions binding from `bindings`' next position.
        func sql(_ bindings: inout PostgresBindings) -> String {
            var conditions = ""
            if let agency {
                bindings.append(agency)
                conditions += " AND agency_code = $\(bindings.count)"
            }
            if let procedure {
                bindings.append(procedure)
                conditions += " AND procedure_code = $\(bindings.count)"
            }
            bindings.append(scope.agencies.sorted())
            let listed = bindings.count
            bindings.append(scope.levelOneCodes.sorted())
            conditions += " AND (agency_code = ANY($\(listed)::text[]) OR split_part(agency_code, '.', 4) = ANY($\(bindings.count)::text[]))"
            return conditions
        }
    }

    /// The statistical figures per group for the period, and their total.
    func figures(period: ReportPeriod, groupBy: ReportGrouping, filter: Filter, now: Moment,
                 on connection: PostgresConnection, logger: Logger) async throws -> (rows: [(String, StatisticalFigures)], total: StatisticalFigures) {
        let split = period.split
        let key = groupBy == .agency ? "agency_code" : "procedure_code"
        let sums = DossierStore.measureColumns.map { "sum(\($0))::bigint" }.joined(separator: ", ")
        let columns = DossierStore.measureColumns.joined(separator: ", ")
        var bindings = PostgresBindings()
        func date(_ value: LocalDate) -> String {
            bindings.append(value.description)
            return "$\(bindings.count)::date"
        }
        func range(_ column: String, _ range: DateRange) -> String {
            let upper = "\(column) < \(date(range.upper))"
            return range.lower.map { "(\(column) >= \(date($0)) AND \(upper))" } ?? "(\(upper))"
        }
        let firstMonth = date(split.daysBefore.lower ?? period.first)
        var monthRanges = [range("month", split.monthsBefore)]
        if !split.monthsWithin.isEmpty { monthRanges.append(range("month", split.monthsWithin)) }
        var dayRanges = split.daysWithin.map { range("day", $0) }
        if !split.daysBefore.isEmpty { dayRanges.append(range("day", split.daysBefore)) }
        let first = date(period.first)
        var conditions = filter.sql(&bindings)
        // Read the per-agency roll-up rows (procedure '*') when the grouping needs no finer ones.
        // The all-agency rows (agency '*') are never read: the scope's conditions exclude them, as
        // they would count agencies outside the caller's scope.
        switch groupBy {
        case .agency:
            if filter.procedure == nil { conditions += " AND procedure_code = '*'" }
        case .procedure:
            conditions += " AND procedure_code <> '*'"
        }
        let sql = """
            SELECT g, before, \(sums) FROM (
                SELECT \(key) AS g, month < \(firstMonth) AS before, \(columns) FROM \(schema).monthly_figures
                WHERE (\(monthRanges.joined(separator: " OR ")))\(conditions)
                UNION ALL
                SELECT \(key) AS g, day < \(first) AS before, \(columns) FROM \(schema).daily_figures
                WHERE (\(dayRanges.isEmpty ? "false" : dayRanges.joined(separator: " OR ")))\(conditions)
            ) x GROUP BY g, before
            """
        var before: [String: MeasureCounts] = [:]
        var within: [String: MeasureCounts] = [:]
        for try await row in try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger) {
            var cells = row.makeIterator()
            let group = try cells.next()!.decode(String.self)
            let isBefore = try cells.next()!.decode(Bool.self)
            var counts = MeasureCounts()
            for measure in ReportMeasure.allCases {
                counts[measure] = Int(try cells.next()!.decode(Int64?.self) ?? 0)
            }
            if isBefore { before[group] = counts } else { within[group] = counts }
        }
        let endsTodayOrLater = period.last >= now.vietnamDate
        var overdue: [String: Int] = [:]
        if endsTodayOrLater {
            var live = PostgresBindings()
            live.append(now.date)
            let liveConditions = filter.sql(&live)
            for try await (group, count) in try await connection.query(PostgresQuery(unsafeSQL: """
                SELECT \(key), count(*)::bigint FROM \(schema).dossiers
                WHERE received_at IS NOT NULL AND finished_at IS NULL AND overdue_from <= $1\(liveConditions)
                GROUP BY \(key)
                """, binds: live), logger: logger).decode((String, Int64).self) {
                overdue[group] = Int(count)
            }
        }
        var rows: [(String, StatisticalFigures)] = []
        for group in Set(before.keys).union(within.keys).union(overdue.keys).sorted() {
            let figures = StatisticalFigures(before: before[group] ?? .init(), within: within[group] ?? .init(),
                                             periodEndsTodayOrLater: endsTodayOrLater, liveOverdue: overdue[group] ?? 0)
            if figures != .zero { rows.append((group, figures)) }
        }
        let total = StatisticalFigures(before: before.values.reduce(.init(), +), within: within.values.reduce(.init(), +),
                                       periodEndsTodayOrLater: endsTodayOrLater, liveOverdue: overdue.values.reduce(0, +))
        return (rows, total)
    }

    /// Dossiers in progress that are overdue now or due within `hours`, with counts per agency and unit.
    func overdue(_ query: OverdueQuery, filter: Filter, now: Moment, on connection: PostgresConnection,
                 logger: Logger) async throws -> OverdueList {
        var bindings = PostgresBindings()
        bindings.append(now.date)
        bindings.append(now.adding(seconds: Int64(query.dueWithinHours) * 3600).date)
        var conditions = filter.sql(&bindings)
        if let unit = query.unit {
            bindings.append(unit)
            conditions += " AND holder_unit = $\(bindings.count)"
        }
        let scope = """
            FROM \(schema).dossiers WHERE received_at IS NOT NULL AND finished_at IS NULL
                AND (overdue_from <= $1 OR (suspended_since IS NULL AND due_at > $1 AND due_at <= $2))\(conditions)
            """
        var groups: [OverdueGroup] = []
        var total = 0
        for try await (agency, unit, late, soon) in try await connection.query(PostgresQuery(unsafeSQL: """
            SELECT agency_code, holder_unit, count(*) FILTER (WHERE overdue_from <= $1)::bigint,
                   count(*) FILTER (WHERE NOT coalesce(overdue_from <= $1, false))::bigint
            \(scope) GROUP BY agency_code, holder_unit ORDER BY agency_code, holder_unit NULLS FIRST
            """, binds: bindings), logger: logger).decode((String, String?, Int64, Int64).self) {
            groups.append(OverdueGroup(agencyCode: agency, unit: unit, overdue: Int(late), dueSoon: Int(soon)))
            total += Int(late + soon)
        }
        var items: [OverdueItem] = []
        let today = now.vietnamDate
        for try await row in try await connection.query(PostgresQuery(unsafeSQL: """
            SELECT code, agency_code, procedure_code, channel, status::int, state, holder_unit, assignee, received_at, due_at,
                   coalesce(overdue_from <= $1, false)
            \(scope) ORDER BY due_at, code LIMIT \(query.pageSize) OFFSET \((query.page - 1) * query.pageSize)
            """, binds: bindings), logger: logger) {
            let (code, agency, procedure, channel, status, state, unit, assignee, received, due, late) =
                try row.decode((String, String, String, String?, Int, String?, String?, String?, Date?, Date?, Bool).self)
            let daysOverdue = late ? max(0, due.map { Moment($0).vietnamDate.days(until: today) } ?? 0) : 0
            items.append(OverdueItem(code: code, agencyCode: agency, procedureCode: procedure,
                                     channel: channel.flatMap(SubmissionChannel.init(rawValue:)),
                                     status: NationalStatus(rawValue: status).map(StatusView.init), state: state, unit: unit,
                                     assignee: assignee, receivedAt: received, dueAt: due, overdue: late, daysOverdue: daysOverdue))
        }
        return OverdueList(asOf: now.date, groups: groups, items: items, page: query.page, pageSize: query.pageSize, total: total)
    }

    func officers(period: ReportPeriod, filter: Filter, on connection: PostgresConnection, logger: Logger) async throws -> [OfficerFigures] {
        var bindings = PostgresBindings()
        bindings.append(period.start.date)
        bindings.append(period.end.date)
        let conditions = filter.sql(&bindings)
        var items: [OfficerFigures] = []
        for try await (id, name, role, unit, handled, onTime, average) in try await connection.query(PostgresQuery(unsafeSQL: """
            SELECT officer_id, max(officer_name), max(officer_role), max(unit), count(*)::bigint,
                   count(*) FILTER (WHERE on_time)::bigint, avg(handling_seconds)::float8
            FROM \(schema).officer_steps WHERE at >= $1 AND at <= $2\(conditions)
            GROUP BY officer_id ORDER BY count(*) DESC, officer_id
            """, binds: bindings), logger: logger).decode((String, String, String, String?, Int64, Int64, Double).self) {
            items.append(OfficerFigures(officerId: id, name: name, role: role, unit: unit, handled: Int(handled), onTime: Int(onTime),
                                        late: Int(handled - onTime), averageHandlingHours: Self.hours(average)))
        }
        return items
    }

    func procedures(period: ReportPeriod, filter: Filter, on connection: PostgresConnection, logger: Logger) async throws -> [ProcedureFigures] {
        var bindings = PostgresBindings()
        bindings.append(period.start.date)
        bindings.append(period.end.date)
        let conditions = filter.sql(&bindings)
        var items: [ProcedureFigures] = []
        for try await (code, resolved, average, p50, p90) in try await connection.query(PostgresQuery(unsafeSQL: """
            SELECT procedure_code, count(*)::bigint, avg(handling_seconds)::float8,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY handling_seconds)::float8,
                   percentile_cont(0.9) WITHIN GROUP (ORDER BY handling_seconds)::float8
            FROM \(schema).dossiers WHERE resolved_at >= $1 AND resolved_at <= $2 AND handling_seconds IS NOT NULL\(conditions)
            GROUP BY procedure_code ORDER BY procedure_code
            """, binds: bindings), logger: logger).decode((String, Int64, Double, Double, Double).self) {
            items.append(ProcedureFigures(procedureCode: code, resolved: Int(resolved), averageHours: Self.hours(average),
                                          p50Hours: Self.hours(p50), p90Hours: Self.hours(p90)))
        }
        return items
    }

    /// Dossiers in progress due within `hours` from now and not overdue yet.
    func dueSoon(hours: Int, filter: Filter, now: Moment, on connection: PostgresConnection, logger: Logger) async throws -> Int {
        var bindings = PostgresBindings()
        bindings.append(now.date)
        bindings.append(now.adding(seconds: Int64(hours) * 3600).date)
        let conditions = filter.sql(&bindings)
        for try await count in try await connection.query(PostgresQuery(unsafeSQL: """
            SELECT count(*)::bigint FROM \(schema).dossiers WHERE received_at IS NOT NULL AND finished_at IS NULL
                AND suspended_since IS NULL AND due_at > $1 AND due_at <= $2\(conditions)
            """, binds: bindings), logger: logger).decode(Int64.self) {
            return Int(count)
        }
        return 0
    }

    /// Seconds as hours, to two decimals.
    static func hours(_ seconds: Double) -> Double { (seconds / 36).rounded() / 100 }
}
