import Contracts
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// `GET /api/v1/dossiers/{code}/forms/{number}?format=html|pdf[&token=]`: a form of the dossier,
/// printable, rendered by processing (`processing.form`); form 01 with the dossier's lookup token
/// prints it and a QR code to the public status page.
extension DossiersController {
    /// Rendering a PDF takes longer than an ordinary call.
    static let formTimeout = Duration.seconds(20)

    @Sendable func form(_ request: Request, context: GatewayContext) async throws -> Response {
        let code = context.parameters.get("code") ?? ""
        let number = context.parameters.get("number") ?? ""
        var errors: [FieldError] = []
        if DossierCode(code) == nil {
            errors.append(FieldError(field: "code", message: "must be a dossier code such as 000.00.00.H30-251125-0001"))
        }
        if DossierForm(rawValue: number) == nil {
            errors.append(FieldError(field: "number", message: "must be a form number from 01 to 07"))
        }
        guard errors.isEmpty else { throw Problem.validation(errors) }
        try Self.requireSignedIn(context)
        let format = try Self.formFormat(request)
        let token = request.uri.queryParameters.get("token")
        let rendered = try await backend.call(.processing, "form", FormRequest(code: code, number: number, format: format.rawValue,
                                                                               lookupToken: token),
                                              as: RenderedForm.self, caller: context.caller, requestID: context.requestID,
                                              timeout: Self.formTimeout)
        guard let bytes = Data(base64Encoded: rendered.body) else {
            context.logger.error("processing.form answered a body that is not base64", metadata: ["code": "\(code)", "number": "\(number)"])
            throw Problem.internalError
        }
        var headers = HTTPFields()
        headers[.contentType] = rendered.mediaType
        headers[.contentDisposition] = "inline; filename=\"\(Self.asciiFilename(rendered.filename, fallback: "\(code)-\(number).\(format.rawValue)"))\""
        // Forms carry the applicant's personal data; without `?format=` the answer depends on `Accept`.
        headers[.cacheControl] = "private, no-store"
        headers[.vary] = "Accept"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    enum FormFormat: String {
        case html
        case pdf
    }

    /// `?format=` when given (`html` or `pdf`, else 400 naming `format`); otherwise PDF when
    /// `Accept` asks for `application/pdf` at least as much as for HTML, and HTML by default.
    static func formFormat(_ request: Request) throws -> FormFormat {
        if let text = request.uri.queryParameters.get("format") {
            guard let format = FormFormat(rawValue: text.lowercased()) else {
                throw Problem.validation([FieldError(field: "format", message: "must be html or pdf")])
            }
            return format
        }
        var pdf = 0.0
        var html = 0.0
        for range in request.headers[values: .accept].flatMap({ $0.split(separator: ",") }) {
            let parts = range.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let mediaType = parts.first else { continue }
            let quality = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            switch mediaType {
            case "application/pdf": pdf = max(pdf, quality)
            case "text/html": html = max(html, quality)
            default: break
            }
        }
        return pdf > 0 && pdf >= html ? .pdf : .html
    }

    /// The file name as a quoted-string of printable ASCII: anything else becomes `_`.
    static func asciiFilename(_ name: String, fallback: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_+()")
        let cleaned = String(name.map { allowed.contains($0) ? $0 : "_" }.prefix(200))
        return cleaned.trimmingCharacters(in: CharacterSet(charactersIn: "._")).isEmpty ? fallback : cleaned
    }
}
