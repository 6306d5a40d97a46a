import Contracts
import Foundation
import Hummingbird
import MultipartKit
import NIOCore
import OnegateWeb

/// A page form posted as `multipart/form-data` (a form with file inputs, so that it works
/// without JavaScript). Its first part must be the `csrf` field, equal to the cookie, before
/// anything is stored; text fields are collected (at most 64 KiB together, 200 parts); each file
/// part is streamed to `documents` in bounded chunks like `POST /api/v1/documents`, as the
/// caller's document (an anonymous caller's stays unowned until a submission takes it). An empty
/// file input is skipped; a file `documents` refuses (too large, a type not accepted) is named
/// by its field and the rest of the form goes on.
///
/// `WebSessionMiddleware` passes a multipart POST on only for the paths `acceptsMultipart`
/// names, whose handlers read the body with `read` — so no multipart form escapes the CSRF check.
struct WebFormUpload {
    let backend: Backend

    /// Path patterns (`*` is one segment) whose POST may be multipart.
    static let multipartPaths: [[String]] = [
        ["procedures", "*", "submit"],
        ["me", "dossiers", "*", "supplement"], ["track", "*", "supplement"],  // SupplementPages
        ["results", "*", "verify"],  // ResultVerifyPages (hashes the file, stores nothing)
        ["workspace", "dossiers", "*", "issue-result"],  // CasePages (the result's PDF)
        ["workspace", "intake"],  // IntakePages (the counter dossier's scans)
    ]
    static let maximumTextBytes = 64 * 1024
    static let maximumParts = 200
    static let maximumHeaderBytes = 16 * 1024

    static func acceptsMultipart(path: String) -> Bool {
        let segments = path.split(separator: "/").map(String.init)
        return multipartPaths.contains { pattern in
            pattern.count == segments.count && zip(pattern, segments).allSatisfy { $0 == "*" || $0 == $1 }
        }
    }

    /// What the form held.
    struct Form {
        var fields: [String: String] = [:]
        /// The stored file per file input name.
        var files: [String: DocumentView] = [:]
        /// Why a file was not stored, per file input name.
        var refused: [String: Problem] = [:]
    }

    /// Reads the whole form, storing its files; 403 (nothing stored) when the `csrf` part is not
    /// first or does not match `csrfCookie`, 400 when the body is not well-formed multipart.
    func read(_ request: Request, context: GatewayContext, csrfCookie: String?) async throws -> Form {
        guard let boundary = MultipartFileScanner.boundary(request.headers[.contentType] ?? "") else { throw Self.malformed }
        let events = PartEvents()
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in events.items.append(.header(name, value)) }
        parser.onBody = { buffer in events.items.append(.body(buffer.readBytes(length: buffer.readableBytes) ?? [])) }
        parser.onPartComplete = { events.items.append(.end) }

        var form = Form()
        var state = PartState()
        var textBytes = 0
        var parts = 0
        var csrfChecked = false
        do {
            for try await buffer in request.body {
                do { try parser.execute(buffer) } catch { throw Self.malformed }
                state.bytesWithoutProgress += events.items.isEmpty ? buffer.readableBytes : 0
                guard state.bytesWithoutProgress <= Self.maximumHeaderBytes else { throw Self.malformed }
                let batch = events.items
                events.items.removeAll(keepingCapacity: true)
                for event in batch {
                    state.bytesWithoutProgress = 0
                    switch event {
                    case .header(let name, let value):
                        state.headers[name.lowercased()] = value
                    case .body(let bytes):
                        if state.name == nil { try state.start(csrfChecked: csrfChecked) }
                        if state.isFile {
                            try await feed(bytes, into: &state, form: &form, context: context)
                        } else {
                            textBytes += bytes.count
                            guard textBytes <= Self.maximumTextBytes else { throw Self.malformed }
                            state.text.append(contentsOf: bytes)
                        }
                    case .end:
                        if state.name == nil { try state.start(csrfChecked: csrfChecked) }
                        parts += 1
                        guard parts <= Self.maximumParts else { throw Self.malformed }
                        let name = state.name ?? ""
                        if state.isFile {
                            if var upload = state.upload {
                                state.upload = nil
                                do { form.files[name] = try await upload.commit() } catch let problem as Problem where problem.status < 500 {
                                    await upload.abort()
                                    form.refused[name] = problem
                                }
                            }
                        } else {
                            let value = String(decoding: state.text, as: UTF8.self)
                            if !csrfChecked {
                                guard name == CSRFToken.fieldName, CSRFToken.matches(cookie: csrfCookie, field: value) else {
                                    throw WebSessionMiddleware.forbidden
                                }
                                csrfChecked = true
                            } else if form.fields[name] == nil {
                                form.fields[name] = value
                            }
                        }
                        state = PartState()
                    }
                }
            }
            guard csrfChecked else { throw WebSessionMiddleware.forbidden }
        } catch {
            if let upload = state.upload { await upload.abort() }
            throw error
        }
        return form
    }

    /// The file's bytes go to its upload, begun with the first of them.
    private func feed(_ bytes: [UInt8], into state: inout PartState, form: inout Form, context: GatewayContext) async throws {
        let name = state.name ?? ""
        guard form.refused[name] == nil, !state.skipping else { return }
        do {
            if state.upload == nil {
                let begin = UploadBegin(declaredType: state.headers["content-type"] ?? "application/octet-stream",
                                        filename: state.filename ?? "file", documentType: "submission")
                state.upload = try await StreamingUpload.begin(begin, backend: backend, caller: context.caller, requestID: context.requestID)
            }
            try await state.upload!.append(bytes)
        } catch let problem as Problem where problem.status < 500 {
            if let upload = state.upload { await upload.abort() }
            state.upload = nil
            state.skipping = true
            form.refused[name] = problem
        }
    }

    /// The part being read.
    private struct PartState {
        var headers: [String: String] = [:]
        var name: String?
        var filename: String?
        var isFile = false
        var text: [UInt8] = []
        var upload: StreamingUpload?
        var skipping = false
        var bytesWithoutProgress = 0

        /// Reads the part's disposition once its headers are complete; a file before the
        /// checked `csrf` part is refused.
        mutating func start(csrfChecked: Bool) throws {
            let disposition = "x;" + (headers["content-disposition"] ?? "")
            guard let field = MultipartFileScanner.parameter("name", in: disposition) else { throw WebFormUpload.malformed }
            name = field
            let named = MultipartFileScanner.parameter("filename*", in: disposition).map(MultipartFileScanner.decodeExtended)
                ?? MultipartFileScanner.parameter("filename", in: disposition)
            isFile = named != nil
            filename = named.flatMap { $0.isEmpty ? nil : $0 }
            if isFile && !csrfChecked { throw WebSessionMiddleware.forbidden }
        }
    }

    /// What the parser reported while it read one buffer (its callbacks cannot await).
    private final class PartEvents {
        enum Event {
            case header(String, String)
            case body([UInt8])
            case end
        }
        var items: [Event] = []
    }

    static let malformed = Problem(status: 400, title: "Bad request", detail: "The form could not be read; reload the page and send it again.")
}
