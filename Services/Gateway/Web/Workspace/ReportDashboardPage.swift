import Contracts
import Domain
import Foundation
import Hummingbird
import OnegateWeb

extension ReportPages {
    /// `GET /workspace/reports`: today's figures and the backlog (`reporting.dashboard`), this
    /// month by agency and by procedure (`reporting.summary`), the overdue and due-soon dossiers by
    /// unit (`reporting.overdue`'s groups) and the weekly overdue trend, each chart beside a table
    /// of the same figures.
    @Sendable func dashboard(_ request: Request, context: GatewayContext) async throws -> Response {
        let access = try WorkspaceAccess.require(context)
        let page = WebPage(request, context: context, resources: resources)
        let t = page.t
        let today = ReportPeriodForm.today
        let caller = context.caller, id = context.requestID
        async let dashboard = backend.call(.reporting, "dashboard", DashboardQuery(weeks: 8), as: Dashboard.self,
                                           caller: caller, requestID: id)
        async let byAgency = backend.call(.reporting, "summary", StatisticsQuery(from: today.firstOfMonth.description, to: today.description, groupBy: .agency),
                                          as: StatisticsReport.self, caller: caller, requestID: id)
        async let byProcedure = backend.call(.reporting, "summary", StatisticsQuery(from: today.firstOfMonth.description, to: today.description, groupBy: .procedure),
                                             as: StatisticsReport.self, caller: caller, requestID: id)
        async let overdue = backend.call(.reporting, "overdue", OverdueQuery(dueWithinHours: 24, page: 1, pageSize: 1),
                                         as: OverdueList.self, caller: caller, requestID: id)
        let (board, agencies, procedureReport, late) = try await (dashboard, byAgency, byProcedure, overdue)
        let figures = ReportFigures(t: t)
        let agencyName = await self.agencyName(context)
        let procedureName = await procedureNames(procedureReport.items.compactMap(\.group), context: context)
        let unitName = await self.unitName(context)
        let month = ReportPeriodForm(FormBody(encoded: ""), today: today, t: t)
        let monthText = month.text(t: t), monthShort = month.short(t: t)

        let day = board.todayFigures
        let cards: [[String: Any]] = [
            ["id": "card-received-today", "label": t["reports_card_received_today"],
             "value": figures.whole(day.received.online + day.received.directOrPostal)],
            ["id": "card-resolved-today", "label": t["reports_card_resolved_today"], "value": figures.whole(day.resolved.total),
             "detail": t.format("reports_card_resolved_detail", ["onTime": figures.whole(day.resolved.early + day.resolved.onTime),
                                                                 "late": figures.whole(day.resolved.overdue)])],
            ["id": "card-in-progress", "label": t["reports_card_in_progress"], "value": figures.whole(board.backlog.total),
             "detail": t.format("reports_card_in_progress_detail", ["within": figures.whole(board.backlog.withinDeadline)])],
            ["id": "card-overdue", "label": t["reports_card_overdue"], "value": figures.whole(board.backlog.overdue), "alert": board.backlog.overdue > 0,
             "detail": t.format("reports_card_due_soon", ["count": figures.whole(board.dueWithin24Hours)])],
        ]

        let groups = late.groups.sorted { ($0.overdue, $0.dueSoon) > ($1.overdue, $1.dueSoon) }
        let groupName: (OverdueGroup) -> String = { group in
            group.unit.map { "\(unitName($0)) — \(agencyName(group.agencyCode))" } ?? agencyName(group.agencyCode)
        }
        let unitChart = BarChart(
            title: t["reports_dashboard_overdue_units"], summary: t["reports_chart_alt_table"],
            series: [.init(t["reports_series_overdue"]), .init(t["reports_series_due_soon"])],
            categories: groups.prefix(12).map { .init(groupName($0), bars: [figures.bar($0.overdue), figures.bar($0.dueSoon)]) })
        let trendChart = BarChart(
            title: t["reports_dashboard_trend"], summary: t["reports_chart_alt_table"],
            series: [.init(t["reports_series_resolved"]), .init(t["reports_series_resolved_late"]),
                     .init(t["reports_series_in_progress_late_week_end"])],
            categories: board.overdueTrend.map { week in
                .init(t.format("reports_week_of", ["date": ReportPeriodForm.day(week.weekStart)]),
                      bars: [figures.bar(week.resolved), figures.bar(week.resolvedOverdue), figures.bar(week.inProgressOverdue)])
            })
        let agencyChart = figures.timelinessChart(agencies.items, name: agencyName,
                                                  title: t.format("reports_dashboard_by_agency", ["period": monthShort]))
        let procedureChart = figures.timelinessChart(procedureReport.items, name: procedureName,
                                                     title: t.format("reports_dashboard_by_procedure", ["period": monthShort]), limit: 10)
        let topProcedures = procedureReport.items.sorted { $0.received.total > $1.received.total }.prefix(10)
        var view: [String: Any] = [
            "nav": Self.navigation("", t: t, access: access),
            "asOf": t.format("reports_as_of", ["time": VietnamTime.dateTime(board.asOf)]),
            "todayText": t.format("reports_today", ["date": ReportPeriodForm.day(board.today)]),
            "cards": cards,
            "agencyTable": figures.table(id: "agency-table", caption: t.format("reports_dashboard_by_agency", ["period": monthShort]),
                                         groupHeading: t["reports_group_agency"], rows: agencies.items, total: agencies.total,
                                         name: agencyName, other: false),
            "procedureTable": figures.table(id: "procedure-table", caption: t.format("reports_dashboard_by_procedure", ["period": monthShort]),
                                            groupHeading: t["reports_group_procedure"], rows: Array(topProcedures), total: nil,
                                            name: procedureName, other: false),
            "unitRows": groups.map { group -> [String: Any] in
                ["name": groupName(group), "overdue": figures.whole(group.overdue), "dueSoon": figures.whole(group.dueSoon)]
            },
            "hasUnitRows": !groups.isEmpty,
            "trendRows": board.overdueTrend.map { week -> [String: Any] in
                ["week": t.format("reports_week_of", ["date": ReportPeriodForm.day(week.weekStart)]), "resolved": figures.whole(week.resolved),
                 "resolvedLate": figures.whole(week.resolvedOverdue), "inProgressLate": figures.whole(week.inProgressOverdue)]
            },
            "statisticsTodayHref": PageChrome.link(path: Self.root + "/statistics", query: [("from", today.description), ("to", today.description)]),
            "monthText": monthText,
            "trendChart": Self.chart(trendChart, id: "trend-chart", t: t),
        ]
        if !agencies.items.isEmpty { view["agencyChart"] = Self.chart(agencyChart, id: "agency-chart", t: t) }
        if !topProcedures.isEmpty { view["procedureChart"] = Self.chart(procedureChart, id: "procedure-chart", t: t) }
        if !groups.isEmpty { view["unitChart"] = Self.chart(unitChart, id: "unit-chart", t: t) }
        return try page.render("workspace-reports", title: t["reports_dashboard_title"], view)
    }
}
