import Contracts
import Domain
import Foundation
import Hummingbird
import OnegateWeb

extension ReportPages {
    static let overduePageSize = 20
    /// The "due within" choices of the overdue list, in hours (0: overdue only).
    static let dueSoonChoices = [0, 24, 72]

    /// `GET /workspace/reports/overdue?soon=0|24|72&page=`: the dossiers overdue now (and, with
    /// `soon`, those due within so many hours), most overdue first, 20 a page, each linked to its
    /// case page, with the counts per agency and unit.
    @Sendable func overdue(_ request: Request, context: GatewayContext) async throws -> Response {
        let access = try WorkspaceAccess.require(context)
        let page = WebPage(request, context: context, resources: resources)
        let t = page.t
        let query = WebPage.query(request)
        let soon = Int(query["soon"] ?? "").flatMap { Self.dueSoonChoices.contains($0) ? $0 : nil } ?? 0
        let number = max(1, Int(query["page"] ?? "") ?? 1)
        let list = try await backend.call(.reporting, "overdue",
                                          OverdueQuery(dueWithinHours: soon, page: number, pageSize: Self.overduePageSize),
                                          as: OverdueList.self, caller: context.caller, requestID: context.requestID)
        let agencyName = await self.agencyName(context)
        let unitName = await self.unitName(context)
        let procedureName = await procedureNames(list.items.map(\.procedureCode), context: context)
        let rows = list.items.map { item -> [String: Any] in
            var row: [String: Any] = [
                "code": item.code, "href": "/workspace/dossiers/\(PageChrome.encode(item.code))",
                "procedure": procedureName(item.procedureCode), "agency": agencyName(item.agencyCode),
                "unit": item.unit.map(unitName) ?? "–", "assignee": item.assignee ?? "–",
                "due": item.dueAt.map(VietnamTime.dateTime) ?? "–",
                "lateness": item.overdue
                    ? t.format("reports_overdue_days", ["days": FigureText.whole(item.daysOverdue, t.language)])
                    : t["reports_due_soon_tag"],
                "late": item.overdue,
            ]
            if let status = item.status {
                row["status"] = (t.messages["status_name_\(status.code)"] ?? status.name) + " · "
                    + t.format("status_number", ["number": String(status.code)])
            }
            return row
        }
        let pages = max(1, (list.total + Self.overduePageSize - 1) / Self.overduePageSize)
        func link(_ target: Int) -> String {
            PageChrome.link(path: Self.root + "/overdue", query: (soon > 0 ? [("soon", String(soon))] : []) + [("page", String(target))])
        }
        var view: [String: Any] = [
            "nav": Self.navigation("/overdue", t: t, access: access),
            "rows": rows, "hasRows": !rows.isEmpty,
            "count": t.format(soon > 0 ? "reports_overdue_count_soon" : "reports_overdue_count",
                              ["count": FigureText.whole(list.total, t.language), "hours": String(soon)]),
            "asOf": t.format("reports_as_of", ["time": VietnamTime.dateTime(list.asOf)]),
            "choices": Self.dueSoonChoices.map { hours -> [String: Any] in
                ["value": String(hours), "selected": hours == soon,
                 "text": hours == 0 ? t["reports_overdue_only"] : t.format("reports_overdue_and_soon", ["hours": String(hours)])]
            },
            "groups": list.groups.sorted { ($0.overdue, $0.dueSoon) > ($1.overdue, $1.dueSoon) }.map { group -> [String: Any] in
                ["agency": agencyName(group.agencyCode), "unit": group.unit.map(unitName) ?? "–",
                 "overdue": FigureText.whole(group.overdue, t.language), "dueSoon": FigureText.whole(group.dueSoon, t.language)]
            },
            "showSoon": soon > 0,
        ]
        if pages > 1 {
            var pagination: [String: Any] = ["label": t.format("results_page", ["page": String(number), "pages": String(pages)])]
            if number > 1 { pagination["previous"] = link(min(number - 1, pages)) }
            if number < pages { pagination["next"] = link(number + 1) }
            view["pagination"] = pagination
        }
        return try page.render("workspace-report-overdue", title: t["reports_overdue_title"], view)
    }

    /// `GET /workspace/reports/officers?from=&to=`: each officer's finished handling steps in the
    /// period, on time and late, and the average handling time (`reporting.officers`).
    @Sendable func officers(_ request: Request, context: GatewayContext) async throws -> Response {
        let form = try periodPage(request, context: context, path: "/officers", template: "workspace-report-officers",
                                  titleKey: "reports_officers_title")
        if let invalid = form.invalid { return invalid }
        let page = form.page, t = page.t, period = form.period
        var view = form.view
        let report = try await backend.call(.reporting, "officers", PeriodQuery(from: period.from, to: period.to),
                                            as: OfficerReport.self, caller: context.caller, requestID: context.requestID)
        let unitName = await self.unitName(context)
        let figures = ReportFigures(t: t)
        let officers = report.items.sorted { ($0.handled, $1.name) > ($1.handled, $0.name) }
        view["rows"] = officers.map { officer -> [String: Any] in
            ["name": officer.name, "role": Role(rawValue: officer.role).map { t["reports_role_\($0.rawValue.replacingOccurrences(of: "-", with: "_"))"] } ?? officer.role,
             "unit": officer.unit.map(unitName) ?? "–", "handled": figures.whole(officer.handled),
             "onTime": figures.whole(officer.onTime), "late": figures.whole(officer.late),
             "hours": FigureText.decimal(officer.averageHandlingHours, digits: 1, t.language)]
        }
        view["hasRows"] = !officers.isEmpty
        if !officers.isEmpty {
            let chart = BarChart(
                title: t.format("reports_officers_chart", ["period": period.short(t: t)]), summary: t["reports_chart_alt_table"],
                series: [.init(t["reports_series_steps_on_time"]), .init(t["reports_series_steps_late"])],
                categories: officers.prefix(15).map { .init($0.name, bars: [figures.bar($0.onTime), figures.bar($0.late)]) })
            view["chart"] = Self.chart(chart, id: "officers-chart", t: t)
        }
        return try page.render("workspace-report-officers", title: t["reports_officers_title"], view)
    }

    /// `GET /workspace/reports/procedures?from=&to=`: per procedure, the dossiers resolved in the
    /// period and their handling times (`reporting.procedures`) beside their II.06a figures
    /// (`reporting.summary` by procedure).
    @Sendable func procedureFigures(_ request: Request, context: GatewayContext) async throws -> Response {
        let form = try periodPage(request, context: context, path: "/procedures", template: "workspace-report-procedures",
                                  titleKey: "reports_procedures_title")
        if let invalid = form.invalid { return invalid }
        let page = form.page, t = page.t, period = form.period
        var view = form.view
        let caller = context.caller, id = context.requestID
        async let times = backend.call(.reporting, "procedures", PeriodQuery(from: period.from, to: period.to),
                                       as: ProcedureReport.self, caller: caller, requestID: id)
        async let summary = backend.call(.reporting, "summary", StatisticsQuery(from: period.from, to: period.to, groupBy: .procedure),
                                         as: StatisticsReport.self, caller: caller, requestID: id)
        let (handling, statistics) = try await (times, summary)
        let name = await procedureNames(handling.items.map(\.procedureCode) + statistics.items.compactMap(\.group), context: context)
        let figures = ReportFigures(t: t)
        let hours = { (value: Double) in FigureText.decimal(value, digits: 1, t.language) }
        let items = handling.items.sorted { ($0.resolved, $1.procedureCode) > ($1.resolved, $0.procedureCode) }
        view["timeRows"] = items.map { item -> [String: Any] in
            ["name": name(item.procedureCode), "resolved": figures.whole(item.resolved), "average": hours(item.averageHours),
             "p50": hours(item.p50Hours), "p90": hours(item.p90Hours)]
        }
        view["hasTimes"] = !items.isEmpty
        view["table"] = figures.table(id: "procedures-table", caption: t.format("reports_statistics_caption", ["period": period.short(t: t)]),
                                      groupHeading: t["reports_group_procedure"], rows: statistics.items, total: statistics.total,
                                      name: name, other: false)
        view["hasRows"] = !statistics.items.isEmpty
        if !items.isEmpty {
            let unit = t["reports_hours_unit"]
            let chart = BarChart(
                title: t.format("reports_procedures_chart", ["period": period.short(t: t)]), summary: t["reports_chart_alt_table"],
                series: [.init(t["reports_series_average_hours"]), .init(t["reports_series_p90_hours"])],
                categories: items.prefix(12).map {
                    .init(name($0.procedureCode), bars: [figures.bar($0.averageHours, digits: 1, unit: unit),
                                                         figures.bar($0.p90Hours, digits: 1, unit: unit)])
                })
            view["timeChart"] = Self.chart(chart, id: "procedures-time-chart", t: t)
        }
        if !statistics.items.isEmpty {
            view["chart"] = Self.chart(figures.timelinessChart(statistics.items, name: name,
                                                               title: t.format("reports_statistics_chart", ["period": period.short(t: t)])),
                                       id: "procedures-chart", t: t)
        }
        return try page.render("workspace-report-procedures", title: t["reports_procedures_title"], view)
    }
}
