import Contracts
import Domain
import Foundation
import Hummingbird

/// `POST /api/v1/auth/token`, `/refresh`, `/logout`, `GET /api/v1/me` and
/// `GET /.well-known/jwks.json`, answered by identity.
struct AuthController {
    let backend: Backend

    var endpoints: RouteCollection<GatewayContext> {
        RouteCollection(context: GatewayContext.self)
            .post("api/v1/auth/token", use: token)
            .post("api/v1/auth/refresh", use: refresh)
            .post("api/v1/auth/logout", use: logout)
            .get("api/v1/me", use: me)
            .get(".well-known/jwks.json", use: jwks)
    }

    /// `{username, password}`, or a partner's `{clientId, clientSecret}`.
    @Sendable func token(_ request: Request, context: GatewayContext) async throws -> Response {
        let body = try await JSONBody.read(request, context: context)
        let isClient = body.objectValue?["clientId"] != nil || body.objectValue?["clientSecret"] != nil
        let fields = try JSONBody.strings(in: body, required: isClient ? ["clientId", "clientSecret"] : ["username", "password"])
        let credentials = isClient
            ? Credentials(username: fields["clientId"]!, password: fields["clientSecret"]!, clientCredentials: true,
                          clientAddress: context.clientAddress)
            : Credentials(username: fields["username"]!, password: fields["password"]!, clientAddress: context.clientAddress)
        let grant = try await backend.call(.identity, "token", credentials, as: TokenGrant.self, requestID: context.requestID)
        return try JSONResponse.make(grant, headers: [.cacheControl: "no-store"])
    }

    @Sendable func refresh(_ request: Request, context: GatewayContext) async throws -> Response {
        let fields = try await JSONBody.strings(request, context: context, required: ["refreshToken"])
        let grant = try await backend.call(.identity, "refresh", RefreshRequest(refreshToken: fields["refreshToken"]!),
                                           as: TokenGrant.self, requestID: context.requestID)
        return try JSONResponse.make(grant, headers: [.cacheControl: "no-store"])
    }

    @Sendable func logout(_ request: Request, context: GatewayContext) async throws -> Response {
        let fields = try await JSONBody.strings(request, context: context, required: ["refreshToken"])
        _ = try await backend.call(.identity, "logout", RefreshRequest(refreshToken: fields["refreshToken"]!),
                                   as: Empty.self, caller: context.caller, requestID: context.requestID)
        return Response(status: .noContent)
    }

    @Sendable func me(_ request: Request, context: GatewayContext) async throws -> Response {
        guard context.caller.isAuthenticated else {
            throw Problem.authenticationRequired
        }
        let me = try await backend.call(.identity, "me", Empty(), as: Me.self, caller: context.caller, requestID: context.requestID)
        return try JSONResponse.make(me)
    }

    @Sendable func jwks(_ request: Request, context: GatewayContext) async throws -> Response {
        let jwks = try await backend.call(.identity, "jwks", Empty(), as: String.self, requestID: context.requestID)
        return JSONResponse.text(jwks, contentType: "application/jwk-set+json")
    }
}

extension JSONBody {
    /// A JSON object of exactly the `required` string fields: any other field, a missing one or a
    /// non-string value is a 400 naming the field.
    static func strings(_ request: Request, context: GatewayContext, required: [String]) async throws -> [String: String] {
        try strings(in: try await read(request, context: context), required: required)
    }

    /// The same check on a body already read.
    static func strings(in body: JSONValue, required: [String]) throws -> [String: String] {
        guard case .object(let object) = body else {
            throw Problem.validation([FieldError(field: "", message: "the body must be a JSON object")])
        }
        var errors: [FieldError] = object.keys.sorted().filter { !required.contains($0) }
            .map { FieldError(field: $0, message: "is not a known field") }
        var values: [String: String] = [:]
        for name in required {
            switch object[name] {
            case .string(let value)? where !value.isEmpty: values[name] = value
            case nil, .null?, .string?: errors.append(FieldError(field: name, message: "is required"))
            case let other?: errors.append(FieldError(field: name, message: "must be a string, not \(other.typeName)"))
            }
        }
        guard errors.isEmpty else { throw Problem.validation(errors) }
        return values
    }
}
