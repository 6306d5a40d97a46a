import Contracts
import Domain
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// E-results: `POST /api/v1/results` (`{dossierCode, documentId}` → `{code: …-KQn}`, signed by the
/// dossier's agency; only staff serving that agency, only once the case's result was issued; the
/// owner is the case's applicant, and an `ownerId` that differs from it is refused with 400), `GET /api/v1/results/{code}`,
/// `POST /api/v1/results/{code}/invalidate` (`{reason}`; the result stays stored, marked) and
/// `POST /api/v1/results/{code}/verify` (public: the body is the file, streamed and hashed here;
/// `X-Signature` may carry a detached signature, base64 DER, to check instead of the stored one).
extension DocumentsController {
    static let signatureHeader = HTTPField.Name("X-Signature")!

    struct IssueBody: Codable {
        var dossierCode: String
        var documentId: String
        var ownerId: String?
    }

    struct InvalidateBody: Codable {
        var reason: String
    }

    @Sendable func issueResult(_ request: Request, context: GatewayContext) async throws -> Response {
        try DossiersController.requireSignedIn(context)
        let body = try await Self.decode(IssueBody.self, request, context: context)
        let view = try await backend.call(.documents, "result.issue",
                                          IssueResult(dossierCode: body.dossierCode, documentId: body.documentId, ownerId: body.ownerId),
                                          as: ResultView.self, caller: context.caller, requestID: context.requestID,
                                          timeout: Self.commitTimeout)
        var headers = HTTPFields()
        headers[.location] = "/api/v1/results/\(view.code)"
        return try JSONResponse.make(view, status: .created, headers: headers)
    }

    @Sendable func result(_ request: Request, context: GatewayContext) async throws -> Response {
        let view = try await backend.call(.documents, "result.get", ResultReference(code: context.parameters.get("code") ?? ""),
                                          as: ResultView.self, caller: context.caller, requestID: context.requestID)
        return try JSONResponse.make(view)
    }

    @Sendable func invalidateResult(_ request: Request, context: GatewayContext) async throws -> Response {
        try DossiersController.requireSignedIn(context)
        let body = try await Self.decode(InvalidateBody.self, request, context: context)
        let view = try await backend.call(.documents, "result.invalidate",
                                          InvalidateResult(code: context.parameters.get("code") ?? "", reason: body.reason),
                                          as: ResultView.self, caller: context.caller, requestID: context.requestID)
        return try JSONResponse.make(view)
    }

    @Sendable func verifyResult(_ request: Request, context: GatewayContext) async throws -> Response {
        let code = context.parameters.get("code") ?? ""
        var hasher = SHA256()
        var size = 0
        for try await buffer in request.body {
            size += buffer.readableBytes
            guard size <= Self.verifyLimit else {
                throw Problem(status: 413, title: "Payload too large", detail: "A file to verify may be at most \(Self.verifyLimit) bytes.")
            }
            hasher.update(data: Data(buffer.readableBytesView))
        }
        let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        let report = try await backend.call(.documents, "result.verify",
                                            VerifyResult(code: code, sha256: digest, signature: request.headers[Self.signatureHeader]),
                                            as: VerificationReport.self, caller: context.caller, requestID: context.requestID,
                                            timeout: Self.commitTimeout)
        return try JSONResponse.make(report)
    }

    /// The largest file the verification endpoint hashes.
    static let verifyLimit = 256 << 20
}
