import Contracts
import Domain
import Foundation
import Hummingbird

/// `GET/POST /api/v1/users` (`q`, `orgUnit` — that unit and below —, `role`, `status` = active/disabled/locked), `POST /api/v1/users/{id}/disable`, `GET /api/v1/org-units`
/// (administrators; identity checks role and org-unit scope).
struct DirectoryController {
    let backend: Backend

    var endpoints: RouteCollection<GatewayContext> {
        RouteCollection(context: GatewayContext.self)
            .get("users", use: list)
            .post("users", use: create)
            .post("users/{id}/disable", use: disable)
            .get("org-units", use: orgUnits)
            .get("users/{id}", use: user)
            .post("users/{id}/enable", use: enable)
            .post("users/{id}/unlock", use: unlock)
            .post("users/{id}/roles", use: assignRole)
            .post("users/{id}/roles/revoke", use: revokeRole)
            .post("org-units", use: createOrgUnit)
    }

    @Sendable func list(_ request: Request, context: GatewayContext) async throws -> Response {
        let paging = try Paging.read(request)
        let query = request.uri.queryParameters
        let page = try await backend.call(.identity, "users.search",
                                          UserSearch(page: paging.page, pageSize: paging.pageSize, query: query.get("q"),
                                                     orgUnit: query.get("orgUnit"), role: query.get("role"), status: query.get("status")),
                                          as: Page<DirectoryUser>.self, caller: context.caller, requestID: context.requestID)
        return try JSONResponse.make(page)
    }

    @Sendable func create(_ request: Request, context: GatewayContext) async throws -> Response {
        let body = try await JSONBody.read(request, context: context)
        let user = try await backend.call(.identity, "users.create", CreateUser(body: body), as: UserView.self,
                                          caller: context.caller, requestID: context.requestID)
        return try JSONResponse.make(user, status: .created, headers: [.location: "/api/v1/users/\(user.id)"])
    }

    @Sendable func disable(_ request: Request, context: GatewayContext) async throws -> Response {
        let user = try await backend.call(.identity, "users.disable", UserReference(id: context.parameters.get("id") ?? ""),
                                          as: UserView.self, caller: context.caller, requestID: context.requestID)
        return try JSONResponse.make(user)
    }

    @Sendable func orgUnits(_ request: Request, context: GatewayContext) async throws -> Response {
        let units = try await backend.call(.identity, "org-units.list", Empty(), as: [OrgUnitView].self,
                                           caller: context.caller, requestID: context.requestID)
        return try JSONResponse.make(["items": units])
    }
}

extension DirectoryController {
    /// `GET /api/v1/users/{id}`: one user with its status (`locked` after repeated failed sign-ins).
    @Sendable func user(_ request: Request, context: GatewayContext) async throws -> Response {
        try JSONResponse.make(try await backend.call(.identity, "users.get", UserReference(id: context.parameters.get("id") ?? ""),
                                                     as: DirectoryUser.self, caller: context.caller, requestID: context.requestID))
    }

    /// `POST /api/v1/users/{id}/enable`.
    @Sendable func enable(_ request: Request, context: GatewayContext) async throws -> Response {
        try JSONResponse.make(try await backend.call(.identity, "users.enable", UserReference(id: context.parameters.get("id") ?? ""),
                                                     as: UserView.self, caller: context.caller, requestID: context.requestID))
    }

    /// `POST /api/v1/users/{id}/unlock`: the sign-in lockout lifted.
    @Sendable func unlock(_ request: Request, context: GatewayContext) async throws -> Response {
        try JSONResponse.make(try await backend.call(.identity, "users.unlock", UserReference(id: context.parameters.get("id") ?? ""),
                                                     as: UserView.self, caller: context.caller, requestID: context.requestID))
    }

    /// `POST /api/v1/users/{id}/roles` `{"role", "orgUnit"}`.
    @Sendable func assignRole(_ request: Request, context: GatewayContext) async throws -> Response {
        try await roleChange("users.assign-role", request, context: context)
    }

    /// `POST /api/v1/users/{id}/roles/revoke` `{"role", "orgUnit"}`.
    @Sendable func revokeRole(_ request: Request, context: GatewayContext) async throws -> Response {
        try await roleChange("users.revoke-role", request, context: context)
    }

    /// `POST /api/v1/org-units` `{"code", "name", "kind", "parentCode"}`.
    @Sendable func createOrgUnit(_ request: Request, context: GatewayContext) async throws -> Response {
        let fields = try Self.strings(try await JSONBody.read(request, context: context), ["code", "name", "kind", "parentCode"])
        let unit = try await backend.call(.identity, "org-units.create",
                                          CreateOrgUnit(code: fields["code"]!, name: fields["name"]!, kind: fields["kind"]!, parentCode: fields["parentCode"]!),
                                          as: OrgUnitView.self, caller: context.caller, requestID: context.requestID)
        return try JSONResponse.make(unit, status: .created)
    }

    private func roleChange(_ op: String, _ request: Request, context: GatewayContext) async throws -> Response {
        let fields = try Self.strings(try await JSONBody.read(request, context: context), ["role", "orgUnit"])
        return try JSONResponse.make(try await backend.call(.identity, op, RoleChange(userId: context.parameters.get("id") ?? "", role: fields["role"]!,
                                                                                      orgUnit: fields["orgUnit"]!),
                                                            as: UserView.self, caller: context.caller, requestID: context.requestID))
    }

    /// The body's string fields `names` (all required), any other field or a missing one a 400.
    static func strings(_ body: JSONValue, _ names: [String]) throws -> [String: String] {
        guard case .object(let object) = body else { throw Problem.validation([FieldError(field: "", message: "the body must be a JSON object")]) }
        var errors = object.keys.sorted().filter { !names.contains($0) }.map { FieldError(field: $0, message: "is not a known field") }
        var values: [String: String] = [:]
        for name in names {
            if case .string(let value)? = object[name] { values[name] = value } else { errors.append(FieldError(field: name, message: "is required (a string)")) }
        }
        guard errors.isEmpty else { throw Problem.validation(errors) }
        return values
    }
}

extension Paging {
    /// `page` (from 1) and `pageSize` (1–200, default 50) query parameters, validated (400 beyond).
    static func read(_ request: Request, pageSizes: ClosedRange<Int> = 1...200, defaultPageSize: Int = 50) throws -> Paging {
        let query = request.uri.queryParameters
        do {
            return try Paging.parse(page: query.get("page"), pageSize: query.get("pageSize"), pageSizes: pageSizes,
                                    defaultPageSize: defaultPageSize)
        } catch let failure as ValidationFailure {
            throw Problem.validation(failure.errors)
        }
    }
}
