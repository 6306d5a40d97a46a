import Contracts
import Domain
import Foundation
import Hummingbird
import OnegateWeb
import ServiceKit

/// `GET /` (search of published procedures: name, code or sector, with or without diacritics —
/// the catalog folds both sides; filters by agency and online level; pages of 10) and
/// `GET /procedures/{code}` (what to submit, fees, time, channels, legal basis, agency).
struct PortalController {
    let backend: Backend
    let resources: WebResources
    let procedures: PublishedProcedures
    /// The search pages as rendered, until a procedure is published or retired.
    let pages: ReadCache<String>
    static let pageSize = 10
    static let onlineLevels = ["full", "partial", "none"]

    var endpoints: RouteCollection<GatewayContext> {
        RouteCollection(context: GatewayContext.self)
            .get("/", use: home)
            .get("procedures/{code}", use: procedure)
    }

    @Sendable func home(_ request: Request, context: GatewayContext) async throws -> Response {
        let page = WebPage(request, context: context, resources: resources)
        // What is published is the same for every visitor: the page is kept as rendered, per
        // address, language and signed-in user, with a mark for the visitor's CSRF token.
        let variant = [page.catalog.language.rawValue, request.uri.query ?? "", page.chrome.userName ?? "",
                       page.chrome.roles.joined(separator: ",")].joined(separator: "\u{1}")
        let html = try await pages.value(for: variant, topic: CacheTopic.catalog) {
            (try await homeHTML(request, page: page.withCSRFMark(), requestID: context.requestID), true)
        }
        return WebPage.html(page.fillingCSRFMark(html), status: .ok)
    }

    /// The search page's HTML (see `home`).
    func homeHTML(_ request: Request, page: WebPage, requestID: String) async throws -> String {
        let parameters = WebPage.query(request)
        func value(_ name: String) -> String? {
            parameters[name].map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        let query = value("q")
        let level = value("level").flatMap { Self.onlineLevels.contains($0) ? $0 : nil }
        let agencyCodes = try await procedures.agencyCodes(requestID: requestID)
        let agency = value("agency").flatMap { agencyCodes.contains($0) ? $0 : nil }
        let agencyNames = try await procedures.agencyNames(requestID: requestID)
        func named(_ codes: [String]) -> String { codes.map { agencyNames[$0] ?? $0 }.joined(separator: ", ") }
        let number = value("page").flatMap(Int.init).map { min(max($0, 1), 10_000) } ?? 1
        let search = ProcedureSearch(query: query, sector: nil, agency: agency, level: nil, onlineLevel: level, page: number,
                                     pageSize: Self.pageSize)
        let found = try await backend.call(.catalog, "procedures.search", search, as: Page<ProcedureSummary>.self, requestID: requestID)
        let pages = max(1, (found.total + Self.pageSize - 1) / Self.pageSize)
        func link(_ target: Int) -> String {
            PageChrome.link(path: "/", query: [("q", query), ("agency", agency), ("level", level)]
                .compactMap { name, value in value.map { (name, $0) } } + [("page", String(target))])
        }
        var view: [String: Any] = [
            "query": query ?? "",
            "agencies": agencyCodes.map { code in
                ["code": code, "name": agencyNames[code].map { "\($0) (\(code))" } ?? code, "selected": code == agency]
            },
            "levels": Self.onlineLevels.map { ["code": $0, "name": page.t["level_\($0)"], "selected": $0 == level] },
            "resultsTitle": page.t.format("results_count", ["count": String(found.total)]),
            "results": found.items.map { summary in [
                "name": summary.name, "code": summary.code, "href": "/procedures/\(PageChrome.encode(summary.code))",
                "sector": summary.sectorCode, "agencies": named(summary.agencies),
                "time": Self.time(summary.processingTime, page.t), "levelCode": summary.onlineServiceLevel,
                "level": page.t["level_\(summary.onlineServiceLevel)"],
            ] as [String: Any] },
        ]
        if pages > 1 {
            var pagination: [String: Any] = ["label": page.t.format("results_page", ["page": String(number), "pages": String(pages)])]
            if number > 1 { pagination["previous"] = link(min(number - 1, pages)) }
            if number < pages { pagination["next"] = link(number + 1) }
            view["pagination"] = pagination
        }
        return try page.html("home", title: page.t["home_title"], notice: page.notice(request), view)
    }

    @Sendable func procedure(_ request: Request, context: GatewayContext) async throws -> Response {
        let page = WebPage(request, context: context, resources: resources)
        let code = context.parameters.get("code") ?? ""
        let published = try await backend.call(.catalog, "procedures.get", ProcedureReference(code: code), as: ProcedureView.self,
                                               caller: context.caller, requestID: context.requestID)
        let procedure = published.procedure
        let agencyNames = try await procedures.agencyNames(requestID: context.requestID)
        let t = page.t
        let view: [String: Any] = [
            "procedure": [
                "code": procedure.code, "name": procedure.name, "sectorCode": procedure.sectorCode,
                "onlineServiceLevel": procedure.onlineServiceLevel,
            ],
            "version": t.format("procedure_version", ["version": String(published.version ?? 0)]),
            "agencies": procedure.agencies.map { agencyNames[$0] ?? $0 }.joined(separator: ", "),
            "level": t["level_\(procedure.level)"],
            "time": Self.time(procedure.processingTime, t),
            "onlineLevel": t["level_\(procedure.onlineServiceLevel)"],
            "channels": procedure.channels.map { t["channel_\($0.rawValue)"] },
            "components": procedure.components.map { component in [
                "name": component.name, "originals": String(component.originals), "copies": String(component.copies),
                "requiredText": component.required ? t["component_required"] : t["component_optional"],
            ] },
            "hasFees": !procedure.fees.isEmpty,
            "fees": procedure.fees.map { ["name": $0.name, "amount": Money.dong($0.amount),
                                          "collector": t.format("fee_collector", ["collector": $0.collector])] },
            "hasResults": !procedure.results.isEmpty,
            "results": procedure.results.map { ["name": $0.name] },
            "legalBasis": procedure.legalBasis,
            "canSubmitOnline": procedure.onlineServiceLevel != "none" && procedure.channels.contains(.online),
            "submitHref": "/procedures/\(PageChrome.encode(procedure.code))/submit",
        ]
        return try page.render("procedure", title: procedure.name, view)
    }

    /// "15 ngày làm việc" / "8 giờ làm việc".
    static func time(_ budget: TimeBudget, _ t: MessageCatalog) -> String {
        t.format(budget.unit == .workingDays ? "working_days" : "working_hours", ["count": String(budget.amount)])
    }
}
