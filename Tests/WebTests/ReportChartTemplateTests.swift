import Foundation
import Testing
@testable import OnegateWeb

/// The report pages' chart and II.06a table templates, rendered as the gateway renders them.
@Suite struct ReportChartTemplateTests {
    @Test func chartIsAnImageWithItsTitleAndTheTableHasEveryFigure() async throws {
        let resources = try await WebResources.load()
        let t = resources.catalog(.vi)
        let chart = BarChart(title: "Theo cơ quan <Sở>", series: [.init("Đúng hạn")], categories: [.init("Sở Tư pháp", bars: [.init(3, text: "3")])])
        let row: [String: Any] = ["name": "Sở <Tư> pháp", "receivedTotal": "1.234", "carriedOver": "4", "online": "1.000", "directOrPostal": "230",
                                  "resolvedTotal": "9", "early": "1", "onTime": "7", "resolvedLate": "1", "inProgressTotal": "1.225",
                                  "withinDeadline": "1.200", "inProgressLate": "25", "onTimeRate": "88,89 %",
                                  "refused": "0", "withdrawn": "2", "stopped": "0"]
        let chrome = PageChrome(catalog: t, path: "/workspace/reports/statistics", query: [], csrfToken: "x", userName: "Lãnh đạo", requestID: "r")
        let view = chrome.view(title: "Báo cáo", [
            "nav": [["href": "/workspace/reports", "text": "Tổng quan", "current": true]],
            "chart": ["id": "c1", "title": chart.title, "src": chart.dataURL, "width": 440, "height": Int(chart.height), "alt": chart.title + ". x"],
            "table": ["id": "statistics-table", "caption": "Biểu II.06a", "groupHeading": "Cơ quan", "rows": [row], "total": row, "hasOther": true],
            "hasRows": true, "asOf": "a", "csvHref": "/workspace/reports/statistics.csv?format=csv", "action": "/workspace/reports/statistics",
            "from": "2026-12-01", "to": "2026-12-04", "periodText": "p", "hasErrors": false, "errors": [[String: String]](),
        ])
        let html = try #require(resources.render("workspace-report-statistics", view))
        #expect(html.contains("<img src=\"data:image/svg+xml;base64,"))
        #expect(html.contains("alt=\"Theo cơ quan &lt;Sở&gt;. x\""))
        #expect(html.contains("<figcaption>Theo cơ quan &lt;Sở&gt;</figcaption>"))
        #expect(html.contains("Sở &lt;Tư&gt; pháp"))
        #expect(!html.contains("<Tư>"))
        for figure in ["receivedTotal", "carriedOver", "online", "directOrPostal", "early", "onTime", "resolvedLate", "withinDeadline", "inProgressLate"] {
            // once in the body row, once in the total row
            #expect(html.components(separatedBy: "data-figure=\"\(figure)\"").count == 3, "\(figure)")
        }
        #expect(html.contains(t["reports_col_carried_over"]))
        #expect(html.contains("aria-current=\"page\""))
        #expect(html.contains("<tfoot>"))
        #expect(html.contains("id=\"statistics-table-other\""))
        #expect(html.contains("href=\"/workspace/reports/statistics.csv?format=csv\""))
    }
}
