import Contracts
import Domain
import Foundation
import Hummingbird
import OnegateWeb

extension ReportPages {
    /// `GET /workspace/reports/statistics?from=&to=&groupBy=agency|procedure`: the statistical report
    /// of the period (Biểu II.06a: received — carried over, online, at the counter or by post —,
    /// resolved early / on time / late, in progress within the deadline / overdue), default this
    /// month; its CSV and a print layout.
    @Sendable func statistics(_ request: Request, context: GatewayContext) async throws -> Response {
        let groupBy = ReportGrouping(rawValue: WebPage.query(request)["groupBy"] ?? "") ?? .agency
        let form = try periodPage(request, context: context, path: "/statistics", template: "workspace-report-statistics",
                                  titleKey: "reports_statistics_title") { t in
            ["hasGroupings": true,
             "groupings": ReportGrouping.allCases.map { grouping -> [String: Any] in
                 ["value": grouping.rawValue, "text": t["reports_group_\(grouping.rawValue)"], "selected": grouping == groupBy]
             }]
        }
        if let invalid = form.invalid { return invalid }
        let page = form.page, t = page.t, period = form.period
        var view = form.view
        let report = try await backend.call(.reporting, "summary", StatisticsQuery(from: period.from, to: period.to, groupBy: groupBy),
                                            as: StatisticsReport.self, caller: context.caller, requestID: context.requestID)
        let name: (String) -> String = groupBy == .agency
            ? await agencyName(context)
            : await procedureNames(report.items.compactMap(\.group), context: context)
        let figures = ReportFigures(t: t)
        view["table"] = figures.table(id: "statistics-table", caption: t.format("reports_statistics_caption", ["period": period.short(t: t)]),
                                      groupHeading: t["reports_group_\(groupBy.rawValue)"], rows: report.items, total: report.total, name: name)
        view["hasRows"] = !report.items.isEmpty
        view["asOf"] = t.format("reports_as_of", ["time": VietnamTime.dateTime(report.asOf)])
        view["csvHref"] = PageChrome.link(path: Self.root + "/statistics.csv",
                                          query: [("from", period.from), ("to", period.to), ("groupBy", groupBy.rawValue), ("format", "csv")])
        let chart = figures.timelinessChart(report.items, name: name, title: t.format("reports_statistics_chart", ["period": period.short(t: t)]))
        if !report.items.isEmpty { view["chart"] = Self.chart(chart, id: "statistics-chart", t: t) }
        return try page.render("workspace-report-statistics", title: t["reports_statistics_title"], view)
    }

    /// `GET /workspace/reports/statistics.csv?from=&to=&groupBy=&format=csv`: the report as the
    /// API's CSV (`GET /api/v1/reports/statistics?format=csv`, the same handler) for the session's user.
    @Sendable func statisticsCSV(_ request: Request, context: GatewayContext) async throws -> Response {
        _ = try WorkspaceAccess.require(context)
        return try await ReportsController(backend: backend).summary(request, context: context)
    }
}
