import Contracts
import Domain
import Foundation
import Hummingbird

/// `GET/POST /api/v1/users`, `POST /api/v1/users/{id}/disable`, `GET /api/v1/org-units`
/// (administrators; identity checks role and org-unit scope).
struct DirectoryController {
    let backend: Backend

    var endpoints: RouteCollection<GatewayContext> {
        RouteCollection(context: GatewayContext.self)
            .get("users", use: list)
            .post("users", use: create)
            .post("users/{id}/disable", use: disable)
            .get("org-units", use: orgUnits)
    }

    @Sendable func list(_ request: Request, context: GatewayContext) async throws -> Response {
        let paging = try Paging.read(request)
        let page = try await backend.call(.identity, "users.list",
                                          PageRequest(page: paging.page, pageSize: paging.pageSize,
                                                      query: request.uri.queryParameters.get("q")),
                                          as: Page<UserView>.self, caller: context.caller, requestID: context.requestID)
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

/// `page` (from 1) and `pageSize` (1–200, default 50) query parameters, validated.
enum Paging {
    static func read(_ request: Request) throws -> (page: Int, pageSize: Int) {
        let query = request.uri.queryParameters
        var errors: [FieldError] = []
        let page = query.get("page").map { Int($0) ?? -1 } ?? 1
        if page < 1 { errors.append(FieldError(field: "page", message: "must be a whole number from 1")) }
        let size = query.get("pageSize").map { Int($0) ?? -1 } ?? 50
        if !(1...200).contains(size) { errors.append(FieldError(field: "pageSize", message: "must be a whole number from 1 to 200")) }
        guard errors.isEmpty else { throw Problem.validation(errors) }
        return (page, size)
    }
}
