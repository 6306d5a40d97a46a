import Contracts
import Crypto
import Domain
import Foundation

/// One file on its way to `documents`: begun (`upload.begin`, which returns the ticket and the
/// limits), fed in chunks of at most the ticket's size while its SHA-256 is computed here, then
/// committed with that digest (`documents` checks it) — or aborted, leaving nothing stored.
/// Used by `POST /api/v1/documents` and by the pages' uploads alike.
struct StreamingUpload {
    let backend: Backend
    let caller: Caller
    let requestID: String
    let ticket: UploadTicket
    private var hasher = SHA256()
    private var pending: [UInt8] = []
    private(set) var offset = 0
    static let commitTimeout = Duration.seconds(60)

    /// Asks `documents` for a ticket; its refusals (type not accepted, too large, no right) propagate.
    static func begin(_ begin: UploadBegin, backend: Backend, caller: Caller, requestID: String) async throws -> StreamingUpload {
        let ticket = try await backend.call(.documents, "upload.begin", begin, as: UploadTicket.self, caller: caller, requestID: requestID)
        return StreamingUpload(backend: backend, caller: caller, requestID: requestID, ticket: ticket)
    }

    private init(backend: Backend, caller: Caller, requestID: String, ticket: UploadTicket) {
        self.backend = backend
        self.caller = caller
        self.requestID = requestID
        self.ticket = ticket
    }

    /// Every byte appended so far, sent or not.
    var received: Int { offset + pending.count }

    var chunkBytes: Int { min(ticket.chunkBytes, DocumentsController.chunkBytes) }

    /// Adds bytes of the file, sending every full chunk; 413 once the file passes the limit.
    mutating func append(_ bytes: some Collection<UInt8>) async throws {
        guard offset + pending.count + bytes.count <= ticket.maximumBytes else { throw tooLarge }
        pending.append(contentsOf: bytes)
        while pending.count >= chunkBytes {
            try await send(Array(pending.prefix(chunkBytes)))
            pending.removeFirst(chunkBytes)
        }
    }

    /// Sends what is left and commits; the stored document.
    mutating func commit() async throws -> DocumentView {
        if !pending.isEmpty {
            try await send(pending)
            pending = []
        }
        let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        return try await backend.call(.documents, "upload.commit", UploadCommit(uploadId: ticket.uploadId, sha256: digest, size: offset),
                                      as: DocumentView.self, caller: caller, requestID: requestID, timeout: Self.commitTimeout)
    }

    /// Drops the transfer at `documents`. Not cancelled with the request: the temporary file
    /// must go even when the client did.
    func abort() async {
        let backend = self.backend, caller = self.caller, requestID = self.requestID, id = ticket.uploadId
        await Task.detached {
            _ = try? await backend.call(.documents, "upload.abort", UploadAbort(uploadId: id), as: Empty.self,
                                        caller: caller, requestID: requestID)
        }.value
    }

    private mutating func send(_ piece: [UInt8]) async throws {
        hasher.update(data: piece)
        _ = try await backend.call(.documents, "upload.chunk",
                                   UploadChunk(uploadId: ticket.uploadId, offset: offset, data: Data(piece).base64EncodedString()),
                                   as: UploadProgress.self, caller: caller, requestID: requestID)
        offset += piece.count
    }

    var tooLarge: Problem {
        Problem(status: 413, title: "Payload too large", detail: "A file may be at most \(ticket.maximumBytes) bytes.",
                errors: [FieldError(field: "file", message: "is larger than \(ticket.maximumBytes) bytes")])
    }
}
