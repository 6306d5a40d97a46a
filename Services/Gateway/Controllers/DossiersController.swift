import Contracts
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// `POST /api/v1/dossiers` (submit), `GET /api/v1/dossiers/{code}` (track, or the whole case for a
/// signed-in caller), `GET /api/v1/dossiers` (work queues, `+Queue`), `POST /api/v1/dossiers/{code}/{action}`
/// and `GET …/{code}/timeline` (`+Actions`), `GET …/{code}/forms/{number}` (`+Forms`).
///
/// Each handler checks the path first (a malformed code is 400 for anyone), then the caller (401),
/// then the query and the body; the owning service checks rights and state and its problem passes
/// through unchanged.
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
            .get(use: queue)
            .post(use: submit)
            .get("{code}", use: show)
            .post("{code}/{action}", use: act)
            .get("{code}/timeline", use: timeline)
            .get("{code}/forms/{number}", use: form)
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

    /// With `?token=`, anyone gets the reduced public view; without it, a signed-in caller gets
    /// processing's whole case (processing decides who may see it).
    @Sendable func show(_ request: Request, context: GatewayContext) async throws -> Response {
        let code = try Self.dossierCode(context)
        guard let token = request.uri.queryParameters.get("token"), !token.isEmpty else {
            guard context.caller.isAuthenticated else {
                throw Problem(status: 401, title: "Authentication required",
                              detail: "Sign in, or pass the lookup token as ?token=.")
            }
            let detail = try await backend.call(.processing, "case", CaseReference(code: code), as: CaseDetail.self,
                                                caller: context.caller, requestID: context.requestID)
            return try JSONResponse.make(detail)
        }
        let tracked = try await DossierTracking(backend: backend).lookup(code: code, token: token, caller: context.caller,
                                                                         requestID: context.requestID)
        let submission = tracked.submission
        return try JSONResponse.make(DossierResponse(
            code: code, procedureCode: submission.procedureCode, agencyCode: submission.agencyCode,
            channel: submission.channel, applicantKind: submission.applicantKind, submittedAt: submission.submittedAt,
            status: tracked.status, state: tracked.state, dueAt: tracked.dueAt, history: tracked.history))
    }

    /// The `{code}` path parameter, or 400 naming `code` when it is not a dossier code.
    static func dossierCode(_ context: GatewayContext) throws -> String {
        let code = context.parameters.get("code") ?? ""
        guard DossierCode(code) != nil else {
            throw Problem.validation([FieldError(field: "code", message: "must be a dossier code such as 000.00.00.H30-251125-0001")])
        }
        return code
    }

    /// Refuses anonymous callers (401) before the query or the body is looked at.
    static func requireSignedIn(_ context: GatewayContext) throws {
        guard context.caller.isAuthenticated else {
            throw Problem.authenticationRequired
        }
    }
}

/// Reads a JSON request body within the size limit: 415 for another media type, 413 when too
/// large, 400 when it is not JSON.
enum JSONBody {
    static func read(_ request: Request, context: GatewayContext) async throws -> JSONValue {
        try requireJSON(request)
        if let length = request.headers[.contentLength].flatMap(Int.init), length > context.maxUploadSize {
            throw Problem(status: 413, title: "Payload too large", detail: "The body is larger than \(context.maxUploadSize) bytes.")
        }
        return try decode(try await request.body.collect(upTo: context.maxUploadSize))
    }

    /// Like `read`, but an empty body (`Content-Length: 0`, or nothing sent) is `null`, whatever
    /// its `Content-Type`; a body that is there must be JSON.
    static func readOptional(_ request: Request, context: GatewayContext) async throws -> JSONValue {
        switch request.headers[.contentLength].flatMap(Int.init) {
        case 0?:
            return .null
        case _?:
            return try await read(request, context: context)
        case nil:
            let buffer = try await request.body.collect(upTo: context.maxUploadSize)
            if buffer.readableBytes == 0 { return .null }
            try requireJSON(request)
            return try decode(buffer)
        }
    }

    private static func requireJSON(_ request: Request) throws {
        let mediaType = request.headers[.contentType]?.split(separator: ";").first?
            .trimmingCharacters(in: .whitespaces).lowercased()
        guard mediaType == "application/json" else {
            throw Problem(status: 415, title: "Unsupported media type", detail: "Send the body as application/json.")
        }
    }

    private static func decode(_ buffer: ByteBuffer) throws -> JSONValue {
        do {
            return try JSONDecoder().decode(JSONValue.self, from: Data(buffer: buffer))
        } catch {
            throw Problem(status: 400, title: "Malformed JSON", detail: "The body is not valid UTF-8 JSON.",
                          type: "urn:onegate:problem:malformed-json")
        }
    }
}
