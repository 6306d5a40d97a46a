import Contracts
import Domain
import Foundation
import Hummingbird
import OnegateWeb

extension ReportPages {
    /// How many points the performance page's time chart has.
    static let performancePoints = 12

    /// `GET /workspace/reports/performance?from=&to=`: the five criteria of Circular 22/2019
    /// Annex IV (`reporting.performance`, as `GET /api/v1/reports/performance`) — response time,
    /// load of each process and of the database, concurrent access, uptime and outages — as tables
    /// and charts. Without dates: the last 24 hours. Reporting answers administrators only (others
    /// get its 403 as the error page).
    @Sendable func performance(_ request: Request, context: GatewayContext) async throws -> Response {
        let access = try WorkspaceAccess.require(context)
        let page = WebPage(request, context: context, resources: resources)
        let t = page.t
        let query = WebPage.query(request)
        let lastDay = (query["from"] ?? "").isEmpty && (query["to"] ?? "").isEmpty
        let period = ReportPeriodForm(query, today: ReportPeriodForm.today, t: t)
        var view = period.view(action: Self.root + "/performance", t: t, extra: ["nav": Self.navigation("/performance", t: t, access: access)])
        if lastDay { view["from"] = ""; view["to"] = "" }
        guard lastDay || period.isValid else {
            return try page.render("workspace-report-performance", title: t["reports_performance_title"], status: .badRequest, view)
        }
        let first = LocalDate(iso: period.from) ?? ReportPeriodForm.today, last = LocalDate(iso: period.to) ?? ReportPeriodForm.today
        let now = Date()
        let to = lastDay ? now : Moment.startOfVietnamDay(last.adding(days: 1)).date
        let from = lastDay ? now.addingTimeInterval(-86_400) : Moment.startOfVietnamDay(first).date
        let step = max(60, Int((to.timeIntervalSince(from) / Double(Self.performancePoints) / 60).rounded(.up)) * 60)
        let report = try await backend.call(.reporting, "performance", PerformanceQuery(from: from, to: to, stepSeconds: step),
                                            as: PerformanceReport.self, caller: context.caller, requestID: context.requestID)
        let language = t.language
        let ms = { (value: Double?) in value.map { FigureText.decimal($0, digits: 1, language) + " ms" } ?? "–" }
        let one = { (value: Double) in FigureText.decimal(value, digits: 1, language) }
        let figures = ReportFigures(t: t)
        let response = report.responseTime
        view["periodText"] = t.format("reports_performance_period", ["from": VietnamTime.dateTime(report.from), "to": VietnamTime.dateTime(report.to)])
        view["response"] = [
            "requests": figures.whole(response.requests), "serverErrors": figures.whole(response.serverErrors),
            "average": ms(response.averageMilliseconds), "p50": ms(response.p50Milliseconds), "p95": ms(response.p95Milliseconds),
            "p99": ms(response.p99Milliseconds), "max": ms(response.maxMilliseconds),
        ]
        view["processes"] = report.processes.map { process -> [String: Any] in
            ["service": process.service, "instances": figures.whole(process.instances), "samples": figures.whole(process.samples),
             "averageCpu": FigureText.percent(process.averageCpuPercent, language), "peakCpu": FigureText.percent(process.peakCpuPercent, language),
             "averageMiB": one(process.averageResidentMiB), "peakMiB": one(process.peakResidentMiB),
             "connections": process.peakConnections.map(figures.whole) ?? "–"]
        }
        view["hasProcesses"] = !report.processes.isEmpty
        let concurrency = report.concurrency
        view["concurrency"] = [
            "peakInFlight": figures.whole(concurrency.peakInFlight), "peakInFlightAt": concurrency.peakInFlightAt.map(VietnamTime.dateTime) ?? "–",
            "peakActiveUsers": figures.whole(concurrency.peakActiveUsers),
            "peakActiveUsersAt": concurrency.peakActiveUsersAt.map(VietnamTime.dateTime) ?? "–",
        ]
        let uptime = report.uptime
        view["uptime"] = [
            "percent": FigureText.percent(uptime.percent, language), "up": one(uptime.upSeconds), "down": one(uptime.downSeconds),
            "unobserved": one(uptime.unobservedSeconds), "probes": figures.whole(uptime.probes),
        ]
        view["outages"] = uptime.outages.map { outage -> [String: Any] in
            ["from": VietnamTime.dateTime(outage.from), "to": VietnamTime.dateTime(outage.to), "seconds": one(outage.seconds),
             "causes": outage.causes.joined(separator: ", ")]
        }
        view["hasOutages"] = !uptime.outages.isEmpty
        view["points"] = report.series.map { point -> [String: Any] in
            ["start": VietnamTime.dateTime(point.start), "requests": figures.whole(point.requests), "average": ms(point.averageMilliseconds),
             "p99": ms(point.p99Milliseconds), "peakInFlight": figures.whole(point.peakInFlight), "activeUsers": figures.whole(point.activeUsers),
             "uptime": point.uptimePercent.map { FigureText.percent($0, language) } ?? "–"]
        }
        if !report.processes.isEmpty {
            view["cpuChart"] = Self.chart(BarChart(
                title: t["reports_performance_cpu_chart"], summary: t["reports_chart_alt_table"],
                series: [.init(t["reports_series_average"]), .init(t["reports_series_peak"])],
                categories: report.processes.map { process in
                    .init(process.service, bars: [.init(process.averageCpuPercent, text: FigureText.percent(process.averageCpuPercent, language)),
                                                  .init(process.peakCpuPercent, text: FigureText.percent(process.peakCpuPercent, language))])
                }), id: "cpu-chart", t: t)
            view["memoryChart"] = Self.chart(BarChart(
                title: t["reports_performance_memory_chart"], summary: t["reports_chart_alt_table"],
                series: [.init(t["reports_series_average"]), .init(t["reports_series_peak"])],
                categories: report.processes.map { process in
                    .init(process.service, bars: [figures.bar(process.averageResidentMiB, digits: 1, unit: " MiB"),
                                                  figures.bar(process.peakResidentMiB, digits: 1, unit: " MiB")])
                }), id: "memory-chart", t: t)
        }
        if report.series.contains(where: { $0.averageMilliseconds != nil }) {
            view["timeChart"] = Self.chart(BarChart(
                title: t["reports_performance_time_chart"], summary: t["reports_chart_alt_table"],
                series: [.init(t["reports_series_average"]), .init("p99")],
                categories: report.series.map { point in
                    .init(VietnamTime.dateTime(point.start), bars: [.init(point.averageMilliseconds ?? 0, text: ms(point.averageMilliseconds)),
                                                                    .init(point.p99Milliseconds ?? 0, text: ms(point.p99Milliseconds))])
                }), id: "time-chart", t: t)
        }
        return try page.render("workspace-report-performance", title: t["reports_performance_title"], view)
    }
}
