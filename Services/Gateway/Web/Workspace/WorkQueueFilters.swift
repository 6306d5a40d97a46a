import Contracts
import Domain
import Foundation
import OnegateWeb

/// The queue page's GET form (`/workspace/?tab=&status=&procedure=&agency=&unit=&due=&order=&page=`):
/// what was asked, the query for processing, and the names of values that were not understood
/// (ignored, and said so on the page). An empty value is the same as leaving it out.
struct WorkQueueFilters {
    static let pageSize = 20
    /// "Due soon": due within this many hours and not yet overdue.
    static let dueSoonHours = 24

    var tab: String?
    var status: Int?
    var procedure: String?
    var agency: String?
    /// The org unit holding the dossier now (a desk, a division).
    var unit: String?
    /// `soon` or `overdue`.
    var due: String?
    /// `due` or `due-desc`.
    var order = "due"
    var page = 1
    var invalid: [String] = []

    init(_ form: FormBody) {
        func value(_ name: String) -> String? {
            guard let text = form[name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            return text
        }
        tab = value("tab")
        if let text = value("status") {
            if let code = Int(text), NationalStatus(rawValue: code) != nil { status = code } else { invalid.append("status") }
        }
        if let text = value("procedure") {
            if ProcedureCode.isWellFormed(text) { procedure = text } else { invalid.append("procedure") }
        }
        if let text = value("agency") {
            if AgencyIdentifier.isWellFormed(text) { agency = text } else { invalid.append("agency") }
        }
        if let text = value("unit") {
            if text.count <= 64, !text.contains(where: { $0.isWhitespace }) { unit = text } else { invalid.append("unit") }
        }
        if let text = value("due") {
            if ["soon", "overdue"].contains(text) { due = text } else { invalid.append("due") }
        }
        if let text = value("order") {
            if ["due", "due-desc"].contains(text) { order = text } else { invalid.append("order") }
        }
        if let text = value("page") {
            if let number = Int(text), number >= 1, number <= 100_000 { page = number } else { invalid.append("page") }
        }
    }

    /// Processing's query for these filters (before a tab narrows it).
    func query(page: Int, pageSize: Int) -> WorkQueueQuery {
        WorkQueueQuery(status: status.map { [$0] }, agency: agency, procedure: procedure, unit: unit,
                       overdue: due == "overdue" ? true : nil, dueWithinHours: due == "soon" ? Self.dueSoonHours : nil,
                       page: page, pageSize: pageSize, order: order)
    }

    /// The filters as query parameters (for the tabs' and the pages' links), without `page`.
    func parameters(tab: String) -> [(String, String)] {
        var fields: [(String, String)] = [("tab", tab)]
        if let status { fields.append(("status", String(status))) }
        if let procedure { fields.append(("procedure", procedure)) }
        if let agency { fields.append(("agency", agency)) }
        if let unit { fields.append(("unit", unit)) }
        if let due { fields.append(("due", due)) }
        if order != "due" { fields.append(("order", order)) }
        return fields
    }

    /// True when a filter narrows the queue (the "clear filters" link is shown).
    var isFiltered: Bool { status != nil || procedure != nil || agency != nil || unit != nil || due != nil || order != "due" }
}
