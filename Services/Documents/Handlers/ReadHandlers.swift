import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO
import ServiceKit

/// Reading documents: `documents.meta`, `documents.download.open|chunk` (the gateway streams
/// the bytes back in bounded chunks), `documents.signature`, and the caller's data store
/// (`documents.library`). Every call checks who may read.
struct ReadHandlers: Sendable {
    let runtime: ServiceRuntime
    let settings: DocumentsSettings
    let blobs: BlobStore
    let store: DocumentStore
    let results: ResultStore
    let signatures: SignatureStore
    let keys: AgencyKeys
    let units: OrgUnitCopies
    let links: DossierLinkStore

    func meta(_ request: DocumentReference, context: RPCContext) async throws -> DocumentView {
        try await readable(request.id, context: context)
    }

    func open(_ request: DownloadOpen, context: RPCContext) async throws -> DownloadTicket {
        let document = try await readable(request.id, context: context)
        let range = try ByteRange.resolve(request.range, size: document.size)
        return DownloadTicket(document: document, start: range.start, end: range.end, partial: range.partial)
    }

    func chunk(_ request: DownloadChunk, context: RPCContext) async throws -> BlobBytes {
        let document = try await readable(request.id, context: context)
        guard request.offset >= 0, request.offset < max(document.size, 1), request.length > 0 else {
            throw ValidationFailure([FieldError(field: "offset", message: "must lie within the file")])
        }
        let bytes = try blobs.readBlob(document.sha256, offset: request.offset, length: min(request.length, settings.chunkBytes))
        return BlobBytes(data: Data(bytes).base64EncodedString())
    }

    func signature(_ request: DocumentReference, context: RPCContext) async throws -> SignatureFile {
        let document = try await readable(request.id, context: context)
        guard let id = UUID(uuidString: document.id),
              let stored = try await runtime.database.withConnection({ connection in
                  try await signatures.find(document: id, on: connection, logger: context.logger)
              }) else {
            throw Problem.notFound("Document \(request.id) is not signed.")
        }
        let key = try keys.key(for: stored.agencyCode)
        return SignatureFile(cms: Data(stored.cms).base64EncodedString(), certificate: key.certificatePEM,
                             agencyCode: stored.agencyCode, signedAt: stored.signedAt)
    }

    func library(_ request: LibraryQuery, context: RPCContext) async throws -> DocumentLibrary {
        guard let owner = context.caller.userId else { throw Problem.authenticationRequired }
        let paging = try Paging.validated(page: request.page ?? 1, pageSize: request.pageSize ?? 500, pageSizes: 1...500)
        // One more row than asked for says whether a next page exists.
        let (limit, offset) = (paging.pageSize + 1, (paging.page - 1) * paging.pageSize)
        return try await runtime.database.withConnection { connection in
            let files = try await store.owned(by: owner, limit: limit, offset: offset, on: connection, logger: context.logger)
            let issued = try await results.owned(by: owner, limit: limit, offset: offset, on: connection, logger: context.logger)
            return DocumentLibrary(submissions: Array(files.prefix(paging.pageSize)), results: Array(issued.prefix(paging.pageSize)),
                                   hasMore: files.count > paging.pageSize || issued.count > paging.pageSize)
        }
    }

    /// The document, if it exists (404) and the caller may read it (401/403).
    func readable(_ text: String, context: RPCContext) async throws -> DocumentView {
        guard context.caller.isAuthenticated else { throw Problem.authenticationRequired }
        guard let id = UUID(uuidString: text) else {
            throw ValidationFailure([FieldError(field: "id", message: "must be a document id (UUID)")])
        }
        return try await runtime.database.withConnection { connection in
            guard let document = try await store.find(id, on: connection, logger: context.logger) else {
                throw Problem.notFound("No document \(text).")
            }
            try await DocumentAccess.requireRead(document, caller: context.caller, units: units, links: links,
                                                on: connection, logger: context.logger)
            return document
        }
    }
}
