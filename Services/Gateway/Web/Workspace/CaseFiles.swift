import Contracts
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The case page's files, with the officer's session (the API under `/api/v1/` takes bearer tokens only):
/// - `GET /workspace/dossiers/{code}/documents/{id}`: a document, exactly as `GET /api/v1/documents/{id}`
///   answers it (`documents` decides who may read it; ranges, `ETag`), except that a PDF or a PNG/JPEG
///   image opens in the browser (`Content-Disposition: inline`); anything else downloads.
/// - `GET /workspace/dossiers/{code}/forms/{number}[?format=html]`: form 01–07 as processing renders it
///   (`processing.form`), a PDF unless `format=html`, inline.
struct CaseFiles {
    let backend: Backend

    /// The media types a browser shows itself without running anything of the file.
    static let inlineTypes: Set<String> = ["application/pdf", "image/png", "image/jpeg"]

    static func opensInline(_ mediaType: String) -> Bool {
        inlineTypes.contains(mediaType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? "")
    }

    @Sendable func document(_ request: Request, context: GatewayContext) async throws -> Response {
        _ = try WorkspaceAccess.require(context)
        var response = try await DocumentsController(backend: backend).download(request, context: context)
        if let type = response.headers[.contentType], Self.opensInline(type),
           let disposition = response.headers[.contentDisposition], disposition.hasPrefix("attachment") {
            response.headers[.contentDisposition] = "inline" + disposition.dropFirst("attachment".count)
        }
        return response
    }

    @Sendable func form(_ request: Request, context: GatewayContext) async throws -> Response {
        _ = try WorkspaceAccess.require(context)
        let code = context.parameters.get("code") ?? ""
        let number = context.parameters.get("number") ?? ""
        guard DossierCode(code) != nil, DossierForm(rawValue: number) != nil else {
            throw Problem.notFound("No form \(number.prefix(8)) of dossier \(code.prefix(64)).")
        }
        let format = WebPage.query(request)["format"] == "html" ? "html" : "pdf"
        let rendered = try await backend.call(.processing, "form", FormRequest(code: code, number: number, format: format),
                                              as: RenderedForm.self, caller: context.caller, requestID: context.requestID,
                                              timeout: DossiersController.formTimeout)
        guard let bytes = Data(base64Encoded: rendered.body) else { throw Problem.internalError }
        var headers = HTTPFields()
        headers[.contentType] = rendered.mediaType
        headers[.contentDisposition] = "inline; filename=\"\(DossiersController.asciiFilename(rendered.filename, fallback: "\(code)-\(number).\(format)"))\""
        headers[.cacheControl] = "private, no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
