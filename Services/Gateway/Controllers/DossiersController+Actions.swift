import Contracts
import Domain
import Foundation
import Hummingbird

/// `POST /api/v1/dossiers/{code}/{action}` (one step of the process, `processing.act`) and
/// `GET /api/v1/dossiers/{code}/timeline` (the control slip, `processing.timeline`).
extension DossiersController {
    /// The body is optional (actions such as `receive` need none) and parsed by processing; an
    /// action not allowed in the current state or for the caller is processing's 409 or 403.
    @Sendable func act(_ request: Request, context: GatewayContext) async throws -> Response {
        let action = try Self.actionKind(context)
        let code = try Self.dossierCode(context)
        try Self.requireSignedIn(context)
        let body = try await JSONBody.readOptional(request, context: context)
        let outcome = try await backend.call(.processing, "act", DossierActionCommand(code: code, action: action.rawValue, body: body,
                                                                                        idempotencyKey: request.headers[Self.idempotencyKey]),
                                             as: ActionOutcome.self, caller: context.caller, requestID: context.requestID)
        return try JSONResponse.make(outcome)
    }

    @Sendable func timeline(_ request: Request, context: GatewayContext) async throws -> Response {
        let code = try Self.dossierCode(context)
        try Self.requireSignedIn(context)
        let timeline = try await backend.call(.processing, "timeline", CaseReference(code: code), as: Timeline.self,
                                              caller: context.caller, requestID: context.requestID)
        return try JSONResponse.make(timeline)
    }

    /// The `{action}` path parameter, or 404 listing the actions there are.
    static func actionKind(_ context: GatewayContext) throws -> DossierAction.Kind {
        let name = context.parameters.get("action") ?? ""
        guard let kind = DossierAction.Kind(rawValue: name) else {
            throw Problem(status: 404, title: "Unknown action",
                          detail: "There is no dossier action \"\(name.prefix(64))\". The actions are: "
                              + DossierAction.Kind.allCases.map(\.rawValue).joined(separator: ", ") + ".")
        }
        return kind
    }
}
