import Contracts
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// `POST /api/v1/documents`: the body (raw, with `Content-Type` and `X-Filename`, or
/// `multipart/form-data`) is read as a stream and forwarded to `documents` in chunks of at
/// most the ticket's size while its SHA-256 is computed here; `documents` checks that digest at
/// commit. A broken transfer is aborted and leaves nothing stored. Query: `documentType`,
/// `replaces` (a new version of that document), `dossierCode` + `componentCode` (attach),
/// `digitised=true` (an officer's digitised copy, signed by the dossier's agency). Anonymous
/// callers may upload plain files, owned by nobody, for an anonymous online submission
/// (`documents` refuses them everything else).
extension DocumentsController {
    static let filenameHeader = HTTPField.Name("X-Filename")!
    static let commitTimeout = StreamingUpload.commitTimeout

    @Sendable func upload(_ request: Request, context: GatewayContext) async throws -> Response {
        let contentType = request.headers[.contentType] ?? ""
        var reader = UploadBodyReader(request.body, scanner: MultipartFileScanner(contentType: contentType))
        var begin = try Self.uploadBegin(request)
        if reader.isMultipart {
            let part = try await reader.readFilePartHeaders()
            begin.declaredType = part.contentType
            begin.filename = part.filename
        } else {
            guard !contentType.isEmpty else {
                throw Problem(status: 415, title: "Unsupported media type", detail: "Declare the file's type in Content-Type.",
                              errors: [FieldError(field: "Content-Type", message: "is required")])
            }
            begin.declaredType = contentType
            begin.declaredSize = request.headers[.contentLength].flatMap(Int.init)
        }
        var upload = try await StreamingUpload.begin(begin, backend: backend, caller: context.caller, requestID: context.requestID)
        do {
            while let piece = try await reader.next(upTo: upload.chunkBytes) {
                try await upload.append(piece)
            }
            if let announced = begin.declaredSize, announced != upload.received {
                throw Problem.validation([FieldError(field: "Content-Length", message: "announced \(announced) bytes but \(upload.received) arrived")])
            }
            let view = try await upload.commit()
            var headers = HTTPFields()
            headers[.location] = "/api/v1/documents/\(view.id)"
            return try JSONResponse.make(view, status: .created, headers: headers)
        } catch {
            await upload.abort()
            context.logger.info("upload aborted", metadata: ["error": "\(String(reflecting: error))"])
            throw error
        }
    }

    /// What the query and headers declare (the type and name come from the body for multipart).
    static func uploadBegin(_ request: Request) throws -> UploadBegin {
        let query = request.uri.queryParameters
        var digitised: Bool?
        if let text = query.get("digitised") {
            guard let value = Bool(text.lowercased()) else {
                throw Problem.validation([FieldError(field: "digitised", message: "must be true or false")])
            }
            digitised = value
        }
        let named = request.headers[filenameHeader].map { $0.removingPercentEncoding ?? $0 }
            ?? request.headers[.contentDisposition].flatMap {
                MultipartFileScanner.parameter("filename*", in: "x;" + $0).map(MultipartFileScanner.decodeExtended)
                    ?? MultipartFileScanner.parameter("filename", in: "x;" + $0)
            }
        return UploadBegin(declaredType: "", filename: named ?? "file", documentType: query.get("documentType"),
                           replaces: query.get("replaces"), dossierCode: query.get("dossierCode"),
                           componentCode: query.get("componentCode"), digitised: digitised)
    }
}

/// The file's bytes out of a request body, raw or multipart, in pieces of bounded size.
struct UploadBodyReader {
    private var iterator: RequestBody.AsyncIterator
    private var scanner: MultipartFileScanner?
    private var pending: [UInt8] = []
    private var ended = false

    init(_ body: RequestBody, scanner: MultipartFileScanner?) {
        self.iterator = body.makeAsyncIterator()
        self.scanner = scanner
    }

    var isMultipart: Bool { scanner != nil }

    /// Reads until the file part's headers are known: its file name and declared type.
    mutating func readFilePartHeaders() async throws -> (filename: String, contentType: String) {
        while let scanner, scanner.filename == nil, !ended {
            try await pull()
        }
        guard let filename = scanner?.filename, let type = scanner?.contentType else {
            throw MultipartFileScanner.malformed("no part carries a file")
        }
        return (filename, type)
    }

    /// The next piece of the file, at most `limit` bytes; nil at its end.
    mutating func next(upTo limit: Int) async throws -> [UInt8]? {
        while pending.count < limit && !ended {
            try await pull()
        }
        guard !pending.isEmpty else { return nil }
        let piece = Array(pending.prefix(limit))
        pending.removeFirst(piece.count)
        return piece
    }

    private mutating func pull() async throws {
        guard let buffer = try await iterator.next() else {
            ended = true
            try scanner?.finish()
            return
        }
        if scanner != nil {
            pending.append(contentsOf: try scanner!.feed(buffer.readableBytesView))
        } else {
            pending.append(contentsOf: buffer.readableBytesView)
        }
    }
}
