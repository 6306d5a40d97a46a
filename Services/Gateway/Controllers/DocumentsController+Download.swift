import Contracts
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// `GET /api/v1/documents/{id}`: `documents` checks who may read and resolves `Range`; the bytes
/// are then fetched chunk by chunk and written to the client as they come (never whole here).
/// `ETag` is the SHA-256; `If-None-Match` gives 304; one range gives 206 with `Content-Range`.
extension DocumentsController {
    @Sendable func download(_ request: Request, context: GatewayContext) async throws -> Response {
        let id = try Self.documentID(context)
        let ticket = try await backend.call(.documents, "download.open", DownloadOpen(id: id, range: request.headers[.range]),
                                            as: DownloadTicket.self, caller: context.caller, requestID: context.requestID)
        let document = ticket.document
        var headers = HTTPFields()
        headers[.eTag] = "\"\(document.sha256)\""
        headers[.cacheControl] = "private"
        headers[.acceptRanges] = "bytes"
        if let match = request.headers[.ifNoneMatch],
           match.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == "\"\(document.sha256)\"" || $0 == "*" }) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = document.mediaType
        headers[.contentDisposition] = Self.contentDisposition(document.filename, id: id)
        let length = document.size == 0 ? 0 : ticket.end - ticket.start + 1
        if ticket.partial { headers[.contentRange] = "bytes \(ticket.start)-\(ticket.end)/\(document.size)" }
        let backend = self.backend
        let caller = context.caller
        let requestID = context.requestID
        let body = ResponseBody(contentLength: length) { writer in
            var offset = ticket.start
            let end = ticket.start + length
            while offset < end {
                let chunk = try await backend.call(.documents, "download.chunk",
                                                   DownloadChunk(id: id, offset: offset, length: min(Self.chunkBytes, end - offset)),
                                                   as: BlobBytes.self, caller: caller, requestID: requestID)
                guard let bytes = Data(base64Encoded: chunk.data), !bytes.isEmpty else { throw Problem.internalError }
                try await writer.write(ByteBuffer(bytes: bytes.prefix(end - offset)))
                offset += bytes.count
            }
            try await writer.finish(nil)
        }
        return Response(status: ticket.partial ? .partialContent : .ok, headers: headers, body: body)
    }

    /// `attachment` with an ASCII `filename` and the exact name as `filename*` (RFC 6266 / 8187).
    static func contentDisposition(_ filename: String, id: String) -> String {
        let ascii = DossiersController.asciiFilename(filename, fallback: id)
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_~")
        let encoded = filename.addingPercentEncoding(withAllowedCharacters: allowed) ?? ascii
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }
}
