import Contracts
import Domain
import Foundation
import Hummingbird

/// `POST /api/v1/accounts` (self-registration), `/accounts/verify`, `/accounts/password-reset`
/// and `/accounts/password-reset/confirm`, answered by identity. Anonymous; rate limited per
/// address (`RateLimitMiddleware`, account requests).
struct AccountsController {
    let backend: Backend

    var endpoints: RouteCollection<GatewayContext> {
        RouteCollection(context: GatewayContext.self)
            .post("accounts", use: register)
            .post("accounts/verify", use: verify)
            .post("accounts/password-reset", use: requestReset)
            .post("accounts/password-reset/confirm", use: confirmReset)
    }

    @Sendable func register(_ request: Request, context: GatewayContext) async throws -> Response {
        let body = try await JSONBody.read(request, context: context)
        let accepted = try await backend.call(.identity, "accounts.register", AccountRegistration(body: body),
                                              as: AccountRequestAccepted.self, requestID: context.requestID)
        return try JSONResponse.make(accepted, status: .accepted, headers: [.cacheControl: "no-store"])
    }

    @Sendable func verify(_ request: Request, context: GatewayContext) async throws -> Response {
        let fields = try await JSONBody.strings(request, context: context, required: ["token"])
        _ = try await backend.call(.identity, "accounts.verify", AccountToken(token: fields["token"]!), as: Empty.self,
                                   requestID: context.requestID)
        return Response(status: .noContent)
    }

    @Sendable func requestReset(_ request: Request, context: GatewayContext) async throws -> Response {
        let fields = try await JSONBody.strings(request, context: context, required: ["email"])
        let accepted = try await backend.call(.identity, "accounts.reset-request", PasswordResetRequest(email: fields["email"]!),
                                              as: AccountRequestAccepted.self, requestID: context.requestID)
        return try JSONResponse.make(accepted, status: .accepted, headers: [.cacheControl: "no-store"])
    }

    @Sendable func confirmReset(_ request: Request, context: GatewayContext) async throws -> Response {
        let fields = try await JSONBody.strings(request, context: context, required: ["token", "password"])
        _ = try await backend.call(.identity, "accounts.reset-confirm",
                                   PasswordResetConfirmation(token: fields["token"]!, password: fields["password"]!),
                                   as: Empty.self, requestID: context.requestID)
        return Response(status: .noContent)
    }
}
