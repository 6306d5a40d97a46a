import Contracts
import Domain
import Foundation
import OnegateWeb

/// The period of a report page, from its GET form (`from`, `to`: `YYYY-MM-DD`, as a date input
/// sends it). Missing dates default to this month so far in Vietnam (the 1st to today); a date
/// that does not read, or an end before the start, is named next to its field and no report is asked.
struct ReportPeriodForm {
    var from: String
    var to: String
    /// Field name → message.
    var errors: [String: String] = [:]

    /// The longest period reporting answers (`ReportHandlers.maximumDays`).
    static let maximumDays = 3_700

    init(_ query: FormBody, today: LocalDate, t: MessageCatalog) {
        let fromText = query["from"]?.trimmingCharacters(in: .whitespaces) ?? ""
        let toText = query["to"]?.trimmingCharacters(in: .whitespaces) ?? ""
        from = fromText.isEmpty ? today.firstOfMonth.description : fromText
        to = toText.isEmpty ? today.description : toText
        let first = LocalDate(iso: from)
        let last = LocalDate(iso: to)
        if first == nil { errors["from"] = t["reports_period_date_invalid"] }
        if last == nil { errors["to"] = t["reports_period_date_invalid"] }
        if let first, let last {
            if last < first {
                errors["to"] = t["reports_period_end_before_start"]
            } else if first.days(until: last) >= Self.maximumDays {
                errors["to"] = t["reports_period_too_long"]
            }
        }
    }

    var isValid: Bool { errors.isEmpty }

    /// `01/12/2026 – 04/12/2026`.
    func text(t: MessageCatalog) -> String {
        t.format("reports_period_text", ["from": Self.day(from), "to": Self.day(to)])
    }

    /// `01/12/2026 – 04/12/2026` inside a caption or a chart's title.
    func short(t: MessageCatalog) -> String {
        t.format("reports_period_short", ["from": Self.day(from), "to": Self.day(to)])
    }

    /// `dd/MM/yyyy` of an ISO date (the text itself when it does not read).
    static func day(_ iso: String) -> String {
        guard let date = LocalDate(iso: iso) else { return iso }
        return String(format: "%02d/%02d/%04d", date.day, date.month, date.year)
    }

    /// The form's values for `workspace-report-period` (with the error summary's entries).
    func view(action: String, t: MessageCatalog, extra: [String: Any] = [:]) -> [String: Any] {
        var view: [String: Any] = ["action": action, "from": from, "to": to, "periodText": text(t: t)]
        if let message = errors["from"] { view["fromError"] = message }
        if let message = errors["to"] { view["toError"] = message }
        let summary = ["from", "to"].compactMap { field in errors[field].map { ["field": field, "message": $0] } }
        view["errors"] = summary
        view["hasErrors"] = !summary.isEmpty
        return view.merging(extra) { _, new in new }
    }

    /// Today in Vietnam.
    static var today: LocalDate { Moment(Date()).vietnamDate }
}
