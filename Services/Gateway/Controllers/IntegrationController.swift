import Contracts
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Integration's HTTP face (API.md, "Integration"): partners' webhook subscriptions
/// (`/api/v1/subscriptions…`), the payment platform's signed callback
/// (`POST /api/v1/payments/callback`) and dossiers pulled from the national portal
/// (`POST /api/v1/portal/dossiers`). Integration checks rights, signatures and bodies; its
/// problems pass through unchanged.
struct IntegrationController {
    let backend: Backend

    static let paymentSignature = HTTPField.Name("X-Payment-Signature")!

    var endpoints: RouteCollection<GatewayContext> {
        RouteCollection(context: GatewayContext.self)
            .post("subscriptions", use: create)
            .get("subscriptions", use: list)
            .get("subscriptions/{id}", use: show)
            .delete("subscriptions/{id}", use: delete)
            .get("subscriptions/{id}/deliveries", use: deliveries)
            .post("subscriptions/{id}/replay", use: replay)
            .post("subscriptions/{id}/enable", use: enable)
            .post("payments/callback", use: paymentCallback)
            .post("portal/dossiers", use: portalSubmission)
    }

    @Sendable func create(_ request: Request, context: GatewayContext) async throws -> Response {
        try DossiersController.requireSignedIn(context)
        let body = try await JSONBody.read(request, context: context)
        let created = try await backend.call(.integration, "subscription-create", SubscriptionCreate(body: body), as: SubscriptionView.self,
                                             caller: context.caller, requestID: context.requestID)
        var headers = HTTPFields()
        headers[.location] = "/api/v1/subscriptions/\(created.id.uuidString.lowercased())"
        return try JSONResponse.make(created, status: .created, headers: headers)
    }

    @Sendable func list(_ request: Request, context: GatewayContext) async throws -> Response {
        try DossiersController.requireSignedIn(context)
        return try JSONResponse.make(try await backend.call(.integration, "subscription-list", Empty(), as: SubscriptionList.self,
                                                            caller: context.caller, requestID: context.requestID))
    }

    @Sendable func show(_ request: Request, context: GatewayContext) async throws -> Response {
        let reference = try Self.reference(context)
        return try JSONResponse.make(try await backend.call(.integration, "subscription-get", reference, as: SubscriptionView.self,
                                                            caller: context.caller, requestID: context.requestID))
    }

    @Sendable func delete(_ request: Request, context: GatewayContext) async throws -> Response {
        let reference = try Self.reference(context)
        _ = try await backend.call(.integration, "subscription-delete", reference, as: Empty.self, caller: context.caller,
                                   requestID: context.requestID)
        return Response(status: .noContent)
    }

    @Sendable func enable(_ request: Request, context: GatewayContext) async throws -> Response {
        let reference = try Self.reference(context)
        return try JSONResponse.make(try await backend.call(.integration, "subscription-enable", reference, as: SubscriptionView.self,
                                                            caller: context.caller, requestID: context.requestID))
    }

    /// `?status=pending|delivered|dead&page=&pageSize=` (integration checks the values).
    @Sendable func deliveries(_ request: Request, context: GatewayContext) async throws -> Response {
        let reference = try Self.reference(context)
        let parameters = request.uri.queryParameters
        let paging = try Paging.read(request)
        let query = DeliveryQuery(id: reference.id, status: parameters.get("status"), page: paging.page, pageSize: paging.pageSize)
        return try JSONResponse.make(try await backend.call(.integration, "subscription-deliveries", query, as: DeliveryPage.self,
                                                            caller: context.caller, requestID: context.requestID))
    }

    @Sendable func replay(_ request: Request, context: GatewayContext) async throws -> Response {
        let reference = try Self.reference(context)
        let body = try await JSONBody.read(request, context: context)
        let result = try await backend.call(.integration, "subscription-replay", ReplayRequest(id: reference.id, body: body),
                                            as: ReplayResult.self, caller: context.caller, requestID: context.requestID)
        return try JSONResponse.make(result, status: .accepted)
    }

    /// The platform signs the exact bytes it sends: they go to integration untouched.
    @Sendable func paymentCallback(_ request: Request, context: GatewayContext) async throws -> Response {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > context.maxUploadSize {
            throw Problem(status: 413, title: "Payload too large", detail: "The body is larger than \(context.maxUploadSize) bytes.")
        }
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        let callback = PaymentCallback(bodyBase64: Data(buffer: buffer).base64EncodedString(),
                                       signature: request.headers[Self.paymentSignature])
        return try JSONResponse.make(try await backend.call(.integration, "payment-callback", callback, as: PaymentCallbackResult.self,
                                                            caller: context.caller, requestID: context.requestID))
    }

    @Sendable func portalSubmission(_ request: Request, context: GatewayContext) async throws -> Response {
        try DossiersController.requireSignedIn(context)
        let body = try await JSONBody.read(request, context: context)
        let receipt = try await backend.call(.integration, "portal-submit", PortalDossierSubmission(body: body),
                                             as: PortalSubmissionReceipt.self, caller: context.caller, requestID: context.requestID)
        var headers = HTTPFields()
        headers[.location] = "/api/v1/dossiers/\(receipt.code)"
        return try JSONResponse.make(receipt, status: receipt.replayed ? .ok : .created, headers: headers)
    }

    /// The `{id}` path parameter after the caller check: 401 for anonymous callers, 400 for a
    /// malformed id.
    static func reference(_ context: GatewayContext) throws -> SubscriptionReference {
        try DossiersController.requireSignedIn(context)
        let id = context.parameters.get("id") ?? ""
        guard UUID(uuidString: id) != nil else {
            throw Problem.validation([FieldError(field: "id", message: "must be a subscription id (UUID)")])
        }
        return SubscriptionReference(id: id)
    }
}
