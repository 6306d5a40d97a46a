import Contracts
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// `POST /api/v1/dossiers` (submit) and `GET /api/v1/dossiers/{code}` (track).
struct DossiersController {
    let backend: Backend

    /// The public view of a dossier: intake's facts and processing's status and history.
    struct DossierResponse: Codable {
        var code: String
        var procedureCode: String
        var agencyCode: String
        var channel: SubmissionChannel
        var applicantKind: ApplicantKind
        var submittedAt: Date
        var status: StatusView
        var state: String?
        var dueAt: Date?
        var history: [StatusHistoryEntry]
    }

    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!

    var endpoints: RouteCollection<GatewayContext> {
        RouteCollection(context: GatewayContext.self)
            .post(use: submit)
            .get("{code}", use: show)
    }

    @Sendable func submit(_ request: Request, context: GatewayContext) async throws -> Response {
        let body = try await JSONBody.read(request, context: context)
        let receipt = try await backend.call(.intake, "submit",
                                             SubmitDossier(body: body, idempotencyKey: request.headers[Self.idempotencyKey]),
                                             as: SubmissionReceipt.self, caller: context.caller, requestID: context.requestID)
        var headers = HTTPFields()
        headers[.location] = "/api/v1/dossiers/\(receipt.code)"
        return try JSONResponse.make(receipt, status: receipt.replayed ? .ok : .created, headers: headers)
    }

    @Sendable func show(_ request: Request, context: GatewayContext) async throws -> Response {
        let code = context.parameters.get("code") ?? ""
        guard DossierCode(code) != nil else {
            throw Problem.validation([FieldError(field: "code", message: "must be a dossier code such as 000.00.00.H30-251125-0001")])
        }
        let lookup = DossierLookup(code: code, lookupToken: request.uri.queryParameters.get("token"))
        let dossier = try await backend.call(.intake, "get", lookup, as: IntakeDossierView.self, caller: context.caller,
                                             requestID: context.requestID)
        // Processing opens the case from intake's event a moment after submission: until then
        // intake's status is the whole story.
        let processing: CaseView?
        do {
            processing = try await backend.call(.processing, "status", lookup, as: CaseView.self, caller: context.caller,
                                                requestID: context.requestID)
        } catch let problem as Problem where problem.status == 404 {
            processing = nil
        }
        return try JSONResponse.make(DossierResponse(
            code: dossier.code, procedureCode: dossier.procedureCode, agencyCode: dossier.agencyCode,
            channel: dossier.channel, applicantKind: dossier.applicantKind, submittedAt: dossier.submittedAt,
            status: processing?.status ?? dossier.status, state: processing?.state, dueAt: processing?.dueAt,
            history: processing?.history ?? []))
    }
}

/// Reads a JSON request body within the size limit: 415 for another media type, 413 when too
/// large, 400 when it is not JSON.
enum JSONBody {
    static func read(_ request: Request, context: GatewayContext) async throws -> JSONValue {
        let mediaType = request.headers[.contentType]?.split(separator: ";").first?
            .trimmingCharacters(in: .whitespaces).lowercased()
        guard mediaType == "application/json" else {
            throw Problem(status: 415, title: "Unsupported media type", detail: "Send the body as application/json.")
        }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > context.maxUploadSize {
            throw Problem(status: 413, title: "Payload too large", detail: "The body is larger than \(context.maxUploadSize) bytes.")
        }
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        do {
            return try JSONDecoder().decode(JSONValue.self, from: Data(buffer: buffer))
        } catch {
            throw Problem(status: 400, title: "Malformed JSON", detail: "The body is not valid UTF-8 JSON.",
                          type: "urn:onegate:problem:malformed-json")
        }
    }
}
