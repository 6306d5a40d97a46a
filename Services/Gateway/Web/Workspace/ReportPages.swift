import Contracts
import Domain
import Foundation
import Hummingbird
import OnegateWeb

/// The leaders' and supervisors' pages under `/workspace/reports` (docs/web.md, "Reports
/// (workspace)"): the dashboard, the statistical report of a period (and its CSV), the overdue
/// list, per-officer and per-procedure figures, and the Annex IV performance page. Each page
/// calls reporting's RPCs as the signed-in user, so reporting decides what they may read (their
/// units' agencies; performance for administrators) and its 403 becomes the error page.
struct ReportPages {
    let backend: Backend
    let resources: WebResources
    let procedures: PublishedProcedures

    static let root = "/workspace/reports"

    var endpoints: RouteCollection<GatewayContext> {
        RouteCollection(context: GatewayContext.self)
            .get("workspace/reports", use: dashboard)
            .get("workspace/reports/statistics", use: statistics)
            .get("workspace/reports/statistics.csv", use: statisticsCSV)
            .get("workspace/reports/overdue", use: overdue)
            .get("workspace/reports/officers", use: officers)
            .get("workspace/reports/procedures", use: procedureFigures)
            .get("workspace/reports/performance", use: performance)
    }

    /// The reports' own navigation, the current page marked (`aria-current`). The Annex IV page is
    /// offered to administrators only, as reporting answers it (reporting still decides).
    static func navigation(_ current: String, t: MessageCatalog, access: WorkspaceAccess) -> [[String: Any]] {
        let pages = [("", "reports_nav_dashboard"), ("/statistics", "reports_nav_statistics"), ("/overdue", "reports_nav_overdue"),
                     ("/officers", "reports_nav_officers"), ("/procedures", "reports_nav_procedures")]
            + (access.holds(.administrator) ? [("/performance", "reports_nav_performance")] : [])
        return pages
            .map { path, key -> [String: Any] in
                var link: [String: Any] = ["href": root + path, "text": t[key]]
                if path == current { link["current"] = true }
                return link
            }
    }

    /// A report page with a period form, as far as every such page goes: the page, the period read
    /// from the query, the view with the navigation and the form's values, and — when a date is bad —
    /// the 400 page naming it (no report is asked then).
    struct PeriodPage {
        let page: WebPage
        let period: ReportPeriodForm
        let view: [String: Any]
        let invalid: Response?
    }

    func periodPage(_ request: Request, context: GatewayContext, path: String, template: String, titleKey: String,
                    extra: (MessageCatalog) -> [String: Any] = { _ in [:] }) throws -> PeriodPage {
        let access = try WorkspaceAccess.require(context)
        let page = WebPage(request, context: context, resources: resources)
        let t = page.t
        let period = ReportPeriodForm(WebPage.query(request), today: ReportPeriodForm.today, t: t)
        let view = period.view(action: Self.root + path, t: t,
                               extra: extra(t).merging(["nav": Self.navigation(path, t: t, access: access)]) { _, nav in nav })
        let invalid = period.isValid ? nil : try page.render(template, title: t[titleKey], status: .badRequest, view)
        return PeriodPage(page: page, period: period, view: view, invalid: invalid)
    }

    /// Agency identifier → name, for the rows of a report (an unknown agency shows its identifier).
    func agencyName(_ context: GatewayContext) async -> (String) -> String {
        let names = (try? await procedures.agencyNames(requestID: context.requestID)) ?? [:]
        return { names[$0] ?? $0 }
    }

    /// Org unit code → name.
    func unitName(_ context: GatewayContext) async -> (String) -> String {
        let names = (try? await procedures.unitNames(requestID: context.requestID)) ?? [:]
        return { names[$0] ?? $0 }
    }

    /// Procedure code → "name (code)" for the codes given, from the catalog (cached a minute).
    func procedureNames(_ codes: [String], context: GatewayContext) async -> (String) -> String {
        var names: [String: String] = [:]
        for code in Set(codes) {
            if let name = await procedures.name(of: code, requestID: context.requestID) { names[code] = name }
        }
        return { code in names[code].map { "\($0) (\(code))" } ?? code }
    }

    /// A chart and the accessible text around it, for `workspace-report-chart`.
    static func chart(_ chart: BarChart, id: String, t: MessageCatalog) -> [String: Any] {
        ["id": id, "title": chart.title, "src": chart.dataURL, "width": Int(BarChart.width), "height": Int(chart.height),
         "alt": chart.title + ". " + t["reports_chart_alt_table"]]
    }
}
