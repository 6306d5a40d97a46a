import Contracts
import Domain
import Foundation
import Hummingbird

/// `GET /api/v1/procedures` (search) and `GET /api/v1/procedures/{code}` (public);
/// `POST /api/v1/procedures`, `PUT /api/v1/procedures/{code}`, `GET …/{code}/draft`, `POST …/{code}/publish` and
/// `POST …/{code}/retire` (administrators; the catalog checks the role).
struct ProceduresController {
    let backend: Backend

    var endpoints: RouteCollection<GatewayContext> {
        RouteCollection(context: GatewayContext.self)
            .get(use: search)
            .post(use: create)
            .get("{code}", use: show)
            .put("{code}", use: replace)
            .get("{code}/draft", use: draft)
            .post("{code}/publish", use: publish)
            .post("{code}/retire", use: retire)
    }

    @Sendable func search(_ request: Request, context: GatewayContext) async throws -> Response {
        let paging = try Paging.read(request)
        let query = request.uri.queryParameters
        func filter(_ name: String) -> String? { query.get(name).flatMap { $0.isEmpty ? nil : $0 } }
        let page = try await backend.call(.catalog, "procedures.search",
                                          ProcedureSearch(query: filter("q"), sector: filter("sector"), agency: filter("agency"),
                                                          level: filter("level"), page: paging.page, pageSize: paging.pageSize),
                                          as: Page<ProcedureSummary>.self, caller: context.caller, requestID: context.requestID)
        return try JSONResponse.make(page)
    }

    @Sendable func show(_ request: Request, context: GatewayContext) async throws -> Response {
        var version: Int?
        if let text = request.uri.queryParameters.get("version") {
            guard let number = Int(text), number >= 1 else {
                throw Problem.validation([FieldError(field: "version", message: "must be a whole number from 1")])
            }
            version = number
        }
        let procedure = try await backend.call(.catalog, "procedures.get",
                                               ProcedureReference(code: context.parameters.get("code") ?? "", version: version),
                                               as: ProcedureView.self, caller: context.caller, requestID: context.requestID)
        return try JSONResponse.make(procedure)
    }

    @Sendable func draft(_ request: Request, context: GatewayContext) async throws -> Response {
        let draft = try await backend.call(.catalog, "procedures.draft", ProcedureReference(code: context.parameters.get("code") ?? ""),
                                           as: ProcedureView.self, caller: context.caller, requestID: context.requestID)
        return try JSONResponse.make(draft)
    }

    @Sendable func create(_ request: Request, context: GatewayContext) async throws -> Response {
        try Self.requireSignedIn(context)
        let body = try await JSONBody.read(request, context: context)
        let draft = try await backend.call(.catalog, "procedures.create", ProcedureDraft(body: body), as: ProcedureView.self,
                                           caller: context.caller, requestID: context.requestID)
        return try JSONResponse.make(draft, status: .created, headers: [.location: "/api/v1/procedures/\(draft.procedure.code)"])
    }

    @Sendable func replace(_ request: Request, context: GatewayContext) async throws -> Response {
        try Self.requireSignedIn(context)
        let body = try await JSONBody.read(request, context: context)
        let draft = try await backend.call(.catalog, "procedures.replace",
                                           ProcedureDraft(code: context.parameters.get("code") ?? "", body: body),
                                           as: ProcedureView.self, caller: context.caller, requestID: context.requestID)
        return try JSONResponse.make(draft)
    }

    @Sendable func publish(_ request: Request, context: GatewayContext) async throws -> Response {
        let version = try await backend.call(.catalog, "procedures.publish", ProcedureReference(code: context.parameters.get("code") ?? ""),
                                             as: ProcedureView.self, caller: context.caller, requestID: context.requestID)
        return try JSONResponse.make(version, status: .created,
                                     headers: [.location: "/api/v1/procedures/\(version.procedure.code)?version=\(version.version ?? 0)"])
    }

    @Sendable func retire(_ request: Request, context: GatewayContext) async throws -> Response {
        let retired = try await backend.call(.catalog, "procedures.retire", ProcedureReference(code: context.parameters.get("code") ?? ""),
                                             as: ProcedureView.self, caller: context.caller, requestID: context.requestID)
        return try JSONResponse.make(retired)
    }

    /// Anonymous writes are refused before the body is read (401 rather than 400 or 415).
    static func requireSignedIn(_ context: GatewayContext) throws {
        guard context.caller.isAuthenticated else {
            throw Problem.authenticationRequired
        }
    }
}
