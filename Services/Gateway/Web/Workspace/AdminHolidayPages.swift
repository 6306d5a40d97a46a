import Contracts
import Domain
import Foundation
import Hummingbird
import OnegateWeb

/// The administrators' holiday calendar (docs/web.md, "Holiday calendar (administration)"):
/// `/workspace/admin/holidays?year=` lists a year's days off and compensatory working days with
/// their names, with a form to add a day and a button per day to remove it. Each change sends the
/// whole year back to catalog's `calendar.put` as the signed-in user; catalog refuses anyone but an
/// administrator and validates the year, and its field errors are shown next to the form.
struct AdminHolidayPages {
    let backend: Backend
    let resources: WebResources

    static let root = "/workspace/admin/holidays"
    static let kinds = ["dayOff", "compensatoryWorkingDay"]

    var endpoints: RouteCollection<GatewayContext> {
        RouteCollection(context: GatewayContext.self)
            .get("workspace/admin/holidays", use: show)
            .post("workspace/admin/holidays/add", use: add)
            .post("workspace/admin/holidays/remove", use: remove)
    }

    /// `GET /workspace/admin/holidays?year=`: the year's entries (this year by default).
    @Sendable func show(_ request: Request, context: GatewayContext) async throws -> Response {
        try Self.requireAdministrator(context)
        let page = WebPage(request, context: context, resources: resources)
        let query = WebPage.query(request)
        let year = Self.year(query["year"])
        let calendar = try await read(year, context: context)
        let notice: String? = switch query["notice"] {
        case "added": page.t["dir_hol_notice_added"]
        case "removed": page.t["dir_hol_notice_removed"]
        default: nil
        }
        return try render(page, calendar, date: "", kind: "dayOff", name: "", errors: [], notice: notice)
    }

    /// `POST /workspace/admin/holidays/add` (`year`, `date`, `kind`, `name`): the day added (an
    /// entry of the same date is replaced), the year saved.
    @Sendable func add(_ request: Request, context: GatewayContext) async throws -> Response {
        try Self.requireAdministrator(context)
        let page = WebPage(request, context: context, resources: resources)
        let t = page.t
        let form = try await AccountPagesController.form(request)
        let year = Self.year(form["year"])
        let date = (form["date"] ?? "").trimmingCharacters(in: .whitespaces)
        let kind = Self.kinds.contains(form["kind"] ?? "") ? form["kind"]! : "dayOff"
        let name = (form["name"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var calendar = try await read(year, context: context)
        var errors: AccountPagesController.Errors = []
        if LocalDate(iso: date) == nil { errors.append(("date", t["dir_hol_error_date"])) }
        else if !date.hasPrefix("\(year)-") { errors.append(("date", t.format("dir_hol_error_year", ["year": "\(year)"]))) }
        if name.isEmpty { errors.append(("name", t["dir_hol_error_name"])) }
        guard errors.isEmpty else {
            return try render(page, calendar, date: date, kind: kind, name: name, errors: errors, notice: nil, status: .badRequest)
        }
        calendar.entries.removeAll { $0.date == date }
        calendar.entries.append(CalendarDay(date: date, kind: kind, name: name))
        calendar.entries.sort { $0.date < $1.date }
        do {
            _ = try await save(calendar, context: context)
        } catch let problem as Problem where problem.status == 400 {
            let messages = (problem.errors ?? []).map { t.format("dir_hol_error_refused", ["reason": "\($0.field): \($0.message)"]) }
            let shown = messages.isEmpty ? [t.format("dir_hol_error_refused", ["reason": problem.detail ?? problem.title])] : messages
            return try render(page, try await read(year, context: context), date: date, kind: kind, name: name,
                              errors: shown.map { ("date", $0) }, notice: nil, status: .badRequest)
        }
        return WebPage.redirect(PageChrome.link(path: Self.root, query: [("year", "\(year)"), ("notice", "added")]))
    }

    /// `POST /workspace/admin/holidays/remove` (`year`, `date`): that day's entry removed.
    @Sendable func remove(_ request: Request, context: GatewayContext) async throws -> Response {
        try Self.requireAdministrator(context)
        let form = try await AccountPagesController.form(request)
        let year = Self.year(form["year"])
        var calendar = try await read(year, context: context)
        calendar.entries.removeAll { $0.date == (form["date"] ?? "") }
        _ = try await save(calendar, context: context)
        return WebPage.redirect(PageChrome.link(path: Self.root, query: [("year", "\(year)"), ("notice", "removed")]))
    }

    private func read(_ year: Int, context: GatewayContext) async throws -> CalendarYearView {
        try await backend.call(.catalog, "calendar.get", CalendarYearRequest(year: year), as: CalendarYearView.self,
                               caller: context.caller, requestID: context.requestID)
    }

    /// Sends the whole year (entries, office hours, cut-off) as catalog's `calendar.put` body.
    private func save(_ calendar: CalendarYearView, context: GatewayContext) async throws -> CalendarYearView {
        var body = calendar
        body.updatedAt = nil
        var json = try WireJSON.decode(JSONValue.self, from: try WireJSON.encode(body))
        if case .object(var fields) = json { fields["year"] = nil; json = .object(fields) }  // the year is the path's
        return try await backend.call(.catalog, "calendar.put", CalendarYearRequest(year: calendar.year, body: json),
                                      as: CalendarYearView.self, caller: context.caller, requestID: context.requestID)
    }

    private func render(_ page: WebPage, _ calendar: CalendarYearView, date: String, kind: String, name: String,
                        errors: AccountPagesController.Errors, notice: String?, status: HTTPResponse.Status = .ok) throws -> Response {
        let t = page.t
        var view = AccountPagesController.errorView(errors)
        view["year"] = "\(calendar.year)"
        view["previousHref"] = PageChrome.link(path: Self.root, query: [("year", "\(calendar.year - 1)")])
        view["nextHref"] = PageChrome.link(path: Self.root, query: [("year", "\(calendar.year + 1)")])
        view["previousYear"] = "\(calendar.year - 1)"
        view["nextYear"] = "\(calendar.year + 1)"
        view["entries"] = calendar.entries.sorted { $0.date < $1.date }.map { entry -> [String: Any] in
            let day = LocalDate(iso: entry.date)
            return ["date": entry.date, "dateText": day.map { String(format: "%02d/%02d/%04d", $0.day, $0.month, $0.year) } ?? entry.date,
                    "name": entry.name, "kindText": t["dir_hol_kind_\(entry.kind)"], "dayOff": entry.kind == "dayOff"]
        }
        view["hasEntries"] = !calendar.entries.isEmpty
        view["date"] = date
        view["name"] = name
        view["kindOptions"] = Self.kinds.map { ["value": $0, "text": t["dir_hol_kind_\($0)"], "selected": $0 == kind] }
        view["addAction"] = Self.root + "/add"
        view["removeAction"] = Self.root + "/remove"
        return try page.render("workspace-admin-holidays", title: t.format("dir_hol_title", ["year": "\(calendar.year)"]),
                               status: status, notice: notice, view)
    }

    /// The `year` asked for, this year (Vietnam time) when missing or out of 2000…2100.
    static func year(_ text: String?) -> Int {
        if let text, let year = Int(text), (2000...2100).contains(year) { return year }
        return Moment(Date()).vietnamDate.year
    }

    /// Only administrators see these pages (catalog refuses the others' changes anyway).
    static func requireAdministrator(_ context: GatewayContext) throws {
        guard try WorkspaceAccess.require(context).holds(.administrator) else {
            throw Problem(status: 403, title: "Forbidden", detail: "The holiday calendar is edited by administrators.")
        }
    }
}
