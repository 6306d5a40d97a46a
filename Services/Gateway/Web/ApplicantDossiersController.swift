import Contracts
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import OnegateWeb

/// The signed-in applicant's pages (docs/web.md):
/// - `GET /me/dossiers?page=`: their own dossiers, newest first (processing's queue with `mine`),
///   each with its status in words and number, the due date and a link;
/// - `GET /me/dossiers/{code}`: the status page for the owner, without the lookup token
///   (processing's `status` answers the dossier's applicant), with what to do now and the e-results;
/// - `GET /me/documents`: the data store (`documents.library`: what they submitted or uploaded,
///   and the e-results issued to them), each file downloadable at `GET /me/documents/{id}`
///   (the API's download: `documents` checks who may read it).
/// Anonymous visitors are sent to sign in first and brought back.
struct ApplicantDossiersController {
    let backend: Backend
    let resources: WebResources
    let track: TrackController

    static let pageSize = 10

    var endpoints: RouteCollection<GatewayContext> {
        RouteCollection(context: GatewayContext.self)
            .get("me/dossiers", use: list)
            .get("me/dossiers/{code}", use: dossier)
            .get("me/documents", use: documents)
            .get("me/documents/{id}", use: download)
    }

    /// A 303 to the sign-in page, back here afterwards, for a `/me/…` path without a session.
    static func signInFirst(_ request: Request, context: GatewayContext) -> Response? {
        guard !context.caller.isAuthenticated, request.uri.path.hasPrefix("/me/") else { return nil }
        let back = PageChrome.link(path: request.uri.path, query: WebPage.query(request).fields.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        return WebPage.redirect(PageChrome.link(path: "/sign-in", query: [("next", back)]))
    }

    @Sendable func list(_ request: Request, context: GatewayContext) async throws -> Response {
        if let signIn = Self.signInFirst(request, context: context) { return signIn }
        let page = WebPage(request, context: context, resources: resources)
        let t = page.t
        guard context.caller.holds(Role.citizen.rawValue) else {
            return try page.render("account-message", title: t["my_dossiers_title"], status: .forbidden,
                                   ["text": t["my_dossiers_applicants_only"], "signInLink": false])
        }
        let number = max(1, Int(WebPage.query(request)["page"] ?? "") ?? 1)
        let found = try await backend.call(.processing, "queue", WorkQueueQuery(page: number, pageSize: Self.pageSize, mine: true),
                                           as: Page<WorkQueueItem>.self, caller: context.caller, requestID: context.requestID)
        let items = found.items.map { item -> [String: Any] in
            var row: [String: Any] = [
                "code": item.code, "href": "/me/dossiers/\(PageChrome.encode(item.code))",
                "procedure": item.procedureName ?? item.procedureCode,
                "status": t.messages["status_name_\(item.status.code)"] ?? item.status.name,
                "numberText": t.format("status_number", ["number": String(item.status.code)]),
                "tone": NationalStatus(rawValue: item.status.code).map { StatusPresentation.tone($0).rawValue } ?? "waiting",
                "submittedAt": VietnamTime.dateTime(item.submittedAt),
                "due": item.dueAt.map { t.format("due_short", ["time": VietnamTime.time($0), "date": VietnamTime.day($0)]) }
                    ?? t["my_dossiers_due_unknown"],
            ]
            if NationalStatus(rawValue: item.status.code).map({ StatusPresentation.tone($0) == .action }) == true {
                row["actionNeeded"] = t["my_dossiers_action_needed"]
            }
            if item.overdue { row["overdue"] = t["late"] }
            return row
        }
        let pages = max(1, (found.total + Self.pageSize - 1) / Self.pageSize)
        var view: [String: Any] = ["dossiers": items, "count": t.format("my_dossiers_count", ["count": String(found.total)])]
        if pages > 1 {
            var pagination: [String: Any] = ["label": t.format("results_page", ["page": String(number), "pages": String(pages)])]
            if number > 1 { pagination["previous"] = "/me/dossiers?page=\(min(number - 1, pages))" }
            if number < pages { pagination["next"] = "/me/dossiers?page=\(number + 1)" }
            view["pagination"] = pagination
        }
        return try page.render("me-dossiers", title: t["my_dossiers_title"], view)
    }

    @Sendable func dossier(_ request: Request, context: GatewayContext) async throws -> Response {
        if let signIn = Self.signInFirst(request, context: context) { return signIn }
        let page = WebPage(request, context: context, resources: resources)
        let code = context.parameters.get("code") ?? ""
        guard DossierCode(code) != nil else { throw Problem.notFound("No dossier \(code.prefix(64)).") }
        let tracked = try await DossierTracking(backend: backend).lookup(code: code, token: nil, caller: context.caller,
                                                                         requestID: context.requestID)
        // The e-results, once the result is out (a live re-read before that costs no extra call).
        var results: [ResultView] = []
        if [NationalStatus.resolved.rawValue, NationalStatus.returned.rawValue].contains(tracked.status.code) {
            results = try await library(context).results
        }
        return try await track.render(tracked, page: page, holder: DossierHolder(code: code, token: nil), results: results,
                                      notice: DossierHolder.notice(WebPage.query(request)["notice"], catalog: page.t),
                                      caller: context.caller, requestID: context.requestID)
    }

    @Sendable func documents(_ request: Request, context: GatewayContext) async throws -> Response {
        if let signIn = Self.signInFirst(request, context: context) { return signIn }
        let page = WebPage(request, context: context, resources: resources)
        let t = page.t
        let number = WebPage.query(request)["page"].flatMap(Int.init).map { min(max($0, 1), 10_000) } ?? 1
        let store = try await backend.call(.documents, "library", LibraryQuery(page: number, pageSize: Self.documentsPageSize),
                                           as: DocumentLibrary.self, caller: context.caller, requestID: context.requestID)
        let submissions = store.submissions.sorted { $0.createdAt > $1.createdAt }.map { document -> [String: Any] in
            var row: [String: Any] = [
                "filename": document.filename, "href": "/me/documents/\(PageChrome.encode(document.id))",
                "size": Self.size(document.size, t: t), "createdAt": VietnamTime.dateTime(document.createdAt),
            ]
            if let code = document.dossierCode { row["dossierCode"] = code; row["dossierHref"] = "/me/dossiers/\(PageChrome.encode(code))" }
            return row
        }
        let results = store.results.sorted { $0.issuedAt > $1.issuedAt }.map { result -> [String: Any] in
            var row: [String: Any] = [
                "code": result.code, "filename": result.filename, "href": "/me/documents/\(PageChrome.encode(result.documentId))",
                "issuedAt": VietnamTime.dateTime(result.issuedAt), "dossierCode": result.dossierCode,
                "dossierHref": "/me/dossiers/\(PageChrome.encode(result.dossierCode))",
                "verifyHref": "/results/\(PageChrome.encode(result.code))/verify",
            ]
            if result.invalidated { row["invalidated"] = t["result_invalidated"] }
            return row
        }
        var view: [String: Any] = ["submissions": submissions, "results": results,
                                   "hasSubmissions": !submissions.isEmpty, "hasResults": !results.isEmpty]
        if number > 1 || store.hasMore == true {
            var pagination: [String: Any] = ["label": t.format("documents_page", ["page": String(number)])]
            if number > 1 { pagination["previous"] = "/me/documents?page=\(number - 1)" }
            if store.hasMore == true { pagination["next"] = "/me/documents?page=\(number + 1)" }
            view["pagination"] = pagination
        }
        return try page.render("me-documents", title: t["my_documents_title"], view)
    }

    /// The file, as `GET /api/v1/documents/{id}` answers it (ranges, ETag; `documents` checks the reader).
    @Sendable func download(_ request: Request, context: GatewayContext) async throws -> Response {
        if let signIn = Self.signInFirst(request, context: context) { return signIn }
        return try await DocumentsController(backend: backend).download(request, context: context)
    }

    /// Files and e-results per page of `/me/documents` (each list).
    static let documentsPageSize = 20

    /// The newest 500 of the caller's files and e-results.
    func library(_ context: GatewayContext) async throws -> DocumentLibrary {
        try await backend.call(.documents, "library", LibraryQuery(), as: DocumentLibrary.self, caller: context.caller,
                               requestID: context.requestID)
    }

    /// `12,5 KB`, `3,1 MB` (Vietnamese decimal comma; English a point).
    static func size(_ bytes: Int, t: MessageCatalog) -> String {
        let (value, unit): (Double, String) = bytes >= 1 << 20 ? (Double(bytes) / Double(1 << 20), "MB")
            : bytes >= 1024 ? (Double(bytes) / 1024, "KB") : (Double(bytes), "B")
        let text = unit == "B" ? String(bytes) : String(format: "%.1f", value)
        return (t.language == .vi ? text.replacingOccurrences(of: ".", with: ",") : text) + " " + unit
    }
}
