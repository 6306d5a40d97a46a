import Contracts
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import MultipartKit
import NIOCore
import OnegateWeb

/// `GET /results/{code}/verify` and `POST /results/{code}/verify`: anyone checks whether a file
/// is the e-result `{code}` (the same check as `POST /api/v1/results/{code}/verify`). The form is
/// `multipart/form-data` with the `csrf` field first; the file is hashed as it streams in and stored
/// nowhere; `documents.result.verify` compares the SHA-256 and checks the agency's signature and
/// whether the result was invalidated.
struct ResultVerifyPages {
    let backend: Backend
    let resources: WebResources

    var endpoints: RouteCollection<GatewayContext> {
        RouteCollection(context: GatewayContext.self)
            .get("results/{code}/verify", use: form)
            .post("results/{code}/verify", use: verify)
    }

    @Sendable func form(_ request: Request, context: GatewayContext) async throws -> Response {
        let page = WebPage(request, context: context, resources: resources)
        return try render(page, code: try Self.code(context), report: nil, errors: [])
    }

    @Sendable func verify(_ request: Request, context: GatewayContext) async throws -> Response {
        let page = WebPage(request, context: context, resources: resources)
        let code = try Self.code(context)
        let csrf = Cookies.parse(request.headers[.cookie])[WebCookie.csrf]
        guard let digest = try await Self.fileDigest(request, csrfCookie: csrf) else {
            return try render(page, code: code, report: nil, errors: [("file", page.t["verify_no_file"])], status: .badRequest)
        }
        let report: VerificationReport
        do {
            report = try await backend.call(.documents, "result.verify", VerifyResult(code: code, sha256: digest, signature: nil),
                                            as: VerificationReport.self, caller: context.caller, requestID: context.requestID,
                                            timeout: DocumentsController.commitTimeout)
        } catch let problem as Problem where problem.status == 404 || problem.status == 400 {
            return try render(page, code: code, report: nil, errors: [("file", page.t["verify_unknown_result"])], status: .notFound)
        }
        return try render(page, code: code, report: report, errors: [])
    }

    func render(_ page: WebPage, code: String, report: VerificationReport?, errors: AccountPagesController.Errors,
                status: HTTPResponse.Status = .ok) throws -> Response {
        let t = page.t
        var view = AccountPagesController.errorView(errors)
        view["code"] = code
        view["action"] = "/results/\(PageChrome.encode(code))/verify"
        if let report {
            var lines = [report.fileMatches ? t["verify_file_matches"] : t["verify_file_differs"]]
            if report.fileMatches { lines.append(report.signatureValid ? t["verify_signature_valid"] : t["verify_signature_invalid"]) }
            if report.invalidated {
                lines.append(t.format("verify_invalidated", ["reason": report.invalidationReason ?? "",
                                                             "date": report.invalidatedAt.map(VietnamTime.dateTime) ?? ""]))
            }
            if let signer = report.signer, report.fileMatches { lines.append(t.format("verify_signer", ["signer": signer])) }
            view["report"] = ["valid": report.valid, "verdict": report.valid ? t["verify_valid"] : t["verify_not_valid"],
                              "lines": lines, "tone": report.valid ? "done" : "ended"]
        }
        return try page.render("result-verify", title: t.format("verify_title", ["code": code]), status: status, view)
    }

    static func code(_ context: GatewayContext) throws -> String {
        let code = context.parameters.get("code") ?? ""
        guard !code.isEmpty, code.count <= 64 else { throw Problem.notFound("No e-result \(code.prefix(64)).") }
        return code
    }

    /// The SHA-256 (hex) of the form's file part, hashed as it streams; nil when no file was
    /// chosen. 403 when the first part is not the matching `csrf` field, 413 above the API's limit.
    static func fileDigest(_ request: Request, csrfCookie: String?) async throws -> String? {
        guard let boundary = MultipartFileScanner.boundary(request.headers[.contentType] ?? "") else { throw WebFormUpload.malformed }
        let reader = DigestReader()
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in reader.header(name, value) }
        parser.onBody = { buffer in reader.body(buffer) }
        parser.onPartComplete = { reader.end() }
        for try await buffer in request.body {
            do { try parser.execute(buffer) } catch { throw WebFormUpload.malformed }
            if let refusal = reader.refusal(csrfCookie: csrfCookie) { throw refusal }
        }
        guard reader.csrfChecked(csrfCookie) else { throw WebSessionMiddleware.forbidden }
        return reader.digest
    }

    /// The parser's callbacks: the first part's text (the CSRF token), then the file's hash.
    private final class DigestReader {
        var headers: [String: String] = [:]
        var parts = 0
        var firstName: String?
        var firstValue: [UInt8] = []
        var hasher = SHA256()
        var size = 0
        var sawFile = false
        var fileIsEmpty = true
        var digest: String?
        var tooLarge = false
        var fileBeforeToken = false

        func header(_ name: String, _ value: String) { headers[name.lowercased()] = value }

        private var disposition: String { "x;" + (headers["content-disposition"] ?? "") }
        private var isFile: Bool { MultipartFileScanner.parameter("filename", in: disposition) != nil }

        func body(_ buffer: ByteBuffer) {
            if parts == 0 {
                if isFile { fileBeforeToken = true; return }
                firstName = MultipartFileScanner.parameter("name", in: disposition)
                if firstValue.count < 256 { firstValue.append(contentsOf: buffer.readableBytesView.prefix(256 - firstValue.count)) }
                return
            }
            guard isFile, digest == nil else { return }
            sawFile = true
            size += buffer.readableBytes
            if size > DocumentsController.verifyLimit { tooLarge = true; return }
            if buffer.readableBytes > 0 { fileIsEmpty = false }
            hasher.update(data: Data(buffer.readableBytesView))
        }

        func end() {
            if parts == 0 && firstName == nil { firstName = MultipartFileScanner.parameter("name", in: disposition) }
            if parts > 0, sawFile, digest == nil, !fileIsEmpty {
                digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
            }
            sawFile = false
            parts += 1
            headers = [:]
        }

        func csrfChecked(_ cookie: String?) -> Bool {
            parts > 0 && firstName == CSRFToken.fieldName && CSRFToken.matches(cookie: cookie, field: String(decoding: firstValue, as: UTF8.self))
        }

        func refusal(csrfCookie: String?) -> Problem? {
            if fileBeforeToken || (parts > 0 && !csrfChecked(csrfCookie)) { return WebSessionMiddleware.forbidden }
            if tooLarge {
                return Problem(status: 413, title: "Payload too large",
                               detail: "A file to verify may be at most \(DocumentsController.verifyLimit) bytes.")
            }
            return nil
        }
    }
}
