import Contracts
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Documents (API.md "Documents"): `POST /api/v1/documents` (upload, streamed in bounded
/// chunks to `documents`, `+Upload`), `GET /api/v1/documents/{id}` (download with ranges,
/// `+Download`), `…/{id}/meta`, `…/{id}/signature`, `…/{id}/certificate`, `…/{id}/attach`,
/// `…/{id}/legal-hold`, `GET /api/v1/me/documents` (the applicant's data store),
/// `GET /api/v1/dossiers/{code}/documents` (a dossier's documents with their components) and the
/// e-results under `/api/v1/results` (`+Results`). `documents` checks every right.
struct DocumentsController {
    let backend: Backend

    /// Bytes per chunk on the bus (the service may lower it in its upload ticket).
    static let chunkBytes = 256 << 10

    var endpoints: RouteCollection<GatewayContext> {
        RouteCollection(context: GatewayContext.self)
            .post("documents", use: upload)
            .get("documents/{id}", use: download)
            .get("documents/{id}/meta", use: meta)
            .get("documents/{id}/signature", use: signature)
            .get("documents/{id}/certificate", use: certificate)
            .post("documents/{id}/attach", use: attach)
            .post("documents/{id}/legal-hold", use: legalHold)
            .get("me/documents", use: library)
            .get("dossiers/{code}/documents", use: dossierDocuments)
            .post("results", use: issueResult)
            .get("results/{code}", use: result)
            .post("results/{code}/invalidate", use: invalidateResult)
            .post("results/{code}/verify", use: verifyResult)
    }

    @Sendable func meta(_ request: Request, context: GatewayContext) async throws -> Response {
        let view = try await backend.call(.documents, "meta", DocumentReference(id: try Self.documentID(context)),
                                          as: DocumentView.self, caller: context.caller, requestID: context.requestID)
        return try JSONResponse.make(view)
    }

    /// The detached CMS signature (DER, `application/pkcs7-signature`).
    @Sendable func signature(_ request: Request, context: GatewayContext) async throws -> Response {
        let id = try Self.documentID(context)
        let file = try await signatureFile(id, context: context)
        guard let der = Data(base64Encoded: file.cms) else { throw Problem.internalError }
        var headers = HTTPFields()
        headers[.contentType] = "application/pkcs7-signature"
        headers[.contentDisposition] = "attachment; filename=\"\(id).p7s\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: der)))
    }

    /// The certificate of the agency that signed the document (PEM).
    @Sendable func certificate(_ request: Request, context: GatewayContext) async throws -> Response {
        let file = try await signatureFile(try Self.documentID(context), context: context)
        return JSONResponse.text(file.certificate, contentType: "application/x-pem-file")
    }

    private func signatureFile(_ id: String, context: GatewayContext) async throws -> SignatureFile {
        try await backend.call(.documents, "signature", DocumentReference(id: id), as: SignatureFile.self,
                               caller: context.caller, requestID: context.requestID)
    }

    struct AttachBody: Codable {
        var dossierCode: String
        var componentCode: String
    }

    @Sendable func attach(_ request: Request, context: GatewayContext) async throws -> Response {
        let id = try Self.documentID(context)
        try DossiersController.requireSignedIn(context)
        let body = try await Self.decode(AttachBody.self, request, context: context)
        let view = try await backend.call(.documents, "attach",
                                          AttachDocument(id: id, dossierCode: body.dossierCode, componentCode: body.componentCode),
                                          as: DocumentView.self, caller: context.caller, requestID: context.requestID)
        return try JSONResponse.make(view)
    }

    struct HoldBody: Codable {
        var hold: Bool
    }

    @Sendable func legalHold(_ request: Request, context: GatewayContext) async throws -> Response {
        let id = try Self.documentID(context)
        try DossiersController.requireSignedIn(context)
        let body = try await Self.decode(HoldBody.self, request, context: context)
        let view = try await backend.call(.documents, "legal-hold", LegalHold(id: id, hold: body.hold), as: DocumentView.self,
                                          caller: context.caller, requestID: context.requestID)
        return try JSONResponse.make(view)
    }

    @Sendable func library(_ request: Request, context: GatewayContext) async throws -> Response {
        try DossiersController.requireSignedIn(context)
        let library = try await backend.call(.documents, "library", Empty(), as: DocumentLibrary.self,
                                             caller: context.caller, requestID: context.requestID)
        return try JSONResponse.make(library)
    }

    @Sendable func dossierDocuments(_ request: Request, context: GatewayContext) async throws -> Response {
        try DossiersController.requireSignedIn(context)
        let code = context.parameters.get("code") ?? ""
        let documents = try await backend.call(.documents, "dossier", CaseReference(code: code), as: DossierDocuments.self,
                                               caller: context.caller, requestID: context.requestID)
        return try JSONResponse.make(documents)
    }

    /// The `{id}` path parameter, or 400 naming `id`.
    static func documentID(_ context: GatewayContext) throws -> String {
        let id = context.parameters.get("id") ?? ""
        guard let uuid = UUID(uuidString: id) else {
            throw Problem.validation([FieldError(field: "id", message: "must be a document id (UUID)")])
        }
        return uuid.uuidString.lowercased()
    }

    /// A JSON body decoded into `T`; a missing or mistyped field is a 400 naming it.
    static func decode<T: Decodable>(_ type: T.Type, _ request: Request, context: GatewayContext) async throws -> T {
        let json = try await JSONBody.read(request, context: context)
        do {
            return try JSONDecoder().decode(T.self, from: try JSONEncoder().encode(json))
        } catch let DecodingError.keyNotFound(key, context) {
            throw Problem.validation([FieldError(field: Self.field(context.codingPath + [key]), message: "is required")])
        } catch let DecodingError.typeMismatch(_, context) {
            throw Problem.validation([FieldError(field: Self.field(context.codingPath), message: "has the wrong type")])
        } catch let DecodingError.valueNotFound(_, context) {
            throw Problem.validation([FieldError(field: Self.field(context.codingPath), message: "is required")])
        } catch {
            throw Problem.validation([FieldError(field: "", message: "The body does not match the expected shape.")])
        }
    }

    private static func field(_ path: [any CodingKey]) -> String {
        path.map(\.stringValue).joined(separator: ".")
    }
}
