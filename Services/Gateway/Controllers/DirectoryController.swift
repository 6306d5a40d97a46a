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
