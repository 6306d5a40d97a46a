import Contracts
import Foundation
import OnegateWeb

/// The statistical report's rows (Biểu II.06a) as the pages show them — every figure written in
/// the page's language — and the charts drawn from them.
struct ReportFigures {
    let t: MessageCatalog

    func whole(_ number: Int) -> String { FigureText.whole(number, t.language) }

    /// One row of the II.06a table.
    func row(_ row: StatisticsRow, name: String) -> [String: Any] {
        var view: [String: Any] = [
            "name": name,
            "receivedTotal": whole(row.received.total), "carriedOver": whole(row.received.carriedOver),
            "online": whole(row.received.online), "directOrPostal": whole(row.received.directOrPostal),
            "resolvedTotal": whole(row.resolved.total), "early": whole(row.resolved.early),
            "onTime": whole(row.resolved.onTime), "resolvedLate": whole(row.resolved.overdue),
            "inProgressTotal": whole(row.inProgress.total), "withinDeadline": whole(row.inProgress.withinDeadline),
            "inProgressLate": whole(row.inProgress.overdue),
            "refused": whole(row.refused), "withdrawn": whole(row.withdrawn), "stopped": whole(row.stopped),
            "onTimeRate": FigureText.percent(row.onTimeRate, t.language),
        ]
        if let ratings = row.ratings {
            view["ratings"] = ["satisfied": whole(ratings.satisfied), "acceptable": whole(ratings.acceptable),
                               "unsatisfied": whole(ratings.unsatisfied), "total": whole(ratings.total)]
        }
        return view
    }

    /// The II.06a table (`workspace-report-table`): one row per group, the total row, and the
    /// figures counted apart (refused, withdrawn, stopped, ratings) when `other`.
    func table(id: String, caption: String, groupHeading: String, rows: [StatisticsRow], total: StatisticsRow?,
               name: (String) -> String, other: Bool = true) -> [String: Any] {
        var view: [String: Any] = ["id": id, "caption": caption, "groupHeading": groupHeading,
                                   "rows": rows.map { row($0, name: name($0.group ?? "")) }, "hasOther": other]
        if let total { view["total"] = row(total, name: t["reports_total"]) }
        return view
    }

    /// The chart of a report's groups: resolved (early or on time / late) and in progress (within
    /// the deadline / overdue), the largest groups first, at most `limit` of them.
    func timelinessChart(_ rows: [StatisticsRow], name: (String) -> String, title: String, limit: Int = 12) -> BarChart {
        let shown = rows.sorted { ($0.received.total, $1.group ?? "") > ($1.received.total, $0.group ?? "") }.prefix(limit)
        return BarChart(
            title: title, summary: t["reports_chart_alt_table"],
            series: [.init(t["reports_series_resolved_on_time"]), .init(t["reports_series_resolved_late"]),
                     .init(t["reports_series_in_progress_on_time"]), .init(t["reports_series_in_progress_late"])],
            categories: shown.map { row in
                .init(name(row.group ?? ""), bars: [
                    bar(row.resolved.early + row.resolved.onTime), bar(row.resolved.overdue),
                    bar(row.inProgress.withinDeadline), bar(row.inProgress.overdue),
                ])
            })
    }

    func bar(_ value: Int) -> BarChart.Bar { .init(Double(value), text: whole(value)) }

    func bar(_ value: Double, digits: Int, unit: String = "") -> BarChart.Bar {
        .init(value, text: FigureText.decimal(value, digits: digits, t.language) + unit)
    }
}
