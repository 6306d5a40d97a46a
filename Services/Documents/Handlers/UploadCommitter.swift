import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO
import ServiceKit
import Storage

/// The end of a transfer: checks what arrived (digest, size, media type, dossier limit), then
/// renames it into the blob store and records the document in one transaction — a digitised
/// copy signed by the dossier's agency — with `documents.document.stored` in the outbox.
struct UploadCommitter: Sendable {
    let runtime: ServiceRuntime
    let settings: DocumentsSettings
    let blobs: BlobStore
    let store: DocumentStore
    let signatures: SignatureStore
    let signer: DetachedSigner

    func commit(_ id: UUID, meta: UploadMeta, claimed: UploadCommit, context: RPCContext) async throws -> DocumentView {
        let (sha256, size) = try blobs.digest(id)
        guard sha256 == claimed.sha256.lowercased(), size == claimed.size else {
            throw Problem(status: 422, title: "Checksum mismatch",
                          detail: "The bytes stored differ from the bytes sent; nothing was kept. Send the file again.",
                          errors: [FieldError(field: "sha256", message: "does not match the content received")])
        }
        guard size > 0 else { throw ValidationFailure([FieldError(field: "file", message: "is empty")]) }
        guard size <= settings.maximumFileBytes else {
            throw Problem(status: 413, title: "Payload too large", detail: "A file may be at most \(settings.maximumFileBytes) bytes.")
        }
        let sniffed = try sniff(id, size: size)
        guard let sniffed, MediaSniffer.allowed.contains(sniffed) else {
            throw UploadHandlers.unsupported("the content is not an accepted file type")
        }
        guard sniffed == meta.declaredType else {
            throw UploadHandlers.unsupported("declared \(meta.declaredType) but the content is \(sniffed)")
        }
        let now = Date()
        let document = NewDocument(
            id: UUID(), seriesId: meta.seriesId ?? UUID(), version: 1, sha256: sha256, size: size, mediaType: sniffed,
            filename: meta.filename, documentType: meta.documentType, ownerId: meta.ownerId, uploadedBy: context.caller.userId,
            dossierCode: meta.dossierCode, componentCode: meta.componentCode,
            digitisedBy: meta.digitised ? context.caller.userId : nil, digitisedAt: meta.digitised ? now : nil)
        let logger = context.logger
        do {
            let view = try await runtime.database.transaction(logger: logger) { connection in
                try await record(document, transfer: id, meta: meta, now: now, context: context, on: connection)
            }
            runtime.relay.wake()
            logger.info("document stored", metadata: ["id": "\(view.id)", "sha256": "\(sha256)", "size": "\(size)"])
            return view
        } catch {
            await dropUnrecordedBlob(sha256, logger: logger)
            throw error
        }
    }

    private func record(_ new: NewDocument, transfer id: UUID, meta: UploadMeta, now: Date, context: RPCContext,
                        on connection: PostgresConnection) async throws -> DocumentView {
        var document = new
        let logger = context.logger
        if let dossier = meta.dossierCode {
            let attached = try await store.dossierBytes(dossier, on: connection, logger: logger)
            guard attached + document.size <= settings.maximumDossierBytes else {
                throw Problem(status: 413, title: "Dossier too large",
                              detail: "The files of dossier \(dossier) may total at most \(settings.maximumDossierBytes) bytes.",
                              errors: [FieldError(field: "dossierCode", message: "would exceed \(settings.maximumDossierBytes) bytes")])
            }
        }
        if meta.seriesId != nil {
            document.version = try await store.latestVersion(series: document.seriesId, on: connection, logger: logger) + 1
        }
        try await store.claimBlob(sha256: document.sha256, size: document.size, on: connection, logger: logger)
        try blobs.promote(id, sha256: document.sha256)
        try await store.insert(document, on: connection, logger: logger)
        if meta.digitised, let dossier = meta.dossierCode, let code = DossierCode(dossier) {
            let signature = try signer.sign(try blobs.mapBlob(document.sha256), agency: code.agency.rawValue, at: now)
            try await signatures.insert(document: document.id, agency: code.agency.rawValue, signature: signature,
                                        on: connection, logger: logger)
        }
        guard let view = try await store.find(document.id, on: connection, logger: logger) else { throw Problem.internalError }
        let event = DocumentEvent(id: view.id, sha256: view.sha256, size: view.size, mediaType: view.mediaType,
                                  ownerId: view.ownerId, dossierCode: view.dossierCode)
        try await runtime.outbox.enqueue([
            try OutboxMessage.event(.documentStored, source: .documents, subject: view.id, sequence: 1, payload: event,
                                    correlationID: context.requestId, at: now),
        ], on: connection, logger: logger)
        return view
    }

    /// The media type from the first bytes and, for zips, the central directory.
    private func sniff(_ id: UUID, size: Int) throws -> String? {
        let head = try blobs.readPart(id, offset: 0, length: 4_096)
        return try MediaSniffer.sniff(head: head) {
            let tailLength = min(size, 65_557)
            let tail = try blobs.readPart(id, offset: size - tailLength, length: tailLength)
            return try ZipEntries.centralDirectoryNames(tail: tail, fileSize: size) { offset, length in
                try blobs.readPart(id, offset: offset, length: length)
            }
        }
    }

    /// After a failed transaction, a blob renamed into place but recorded by nobody is removed.
    private func dropUnrecordedBlob(_ sha256: String, logger: Logger) async {
        let recorded = try? await runtime.database.withConnection { connection in
            let rows = try await connection.query("SELECT 1 FROM \(unescaped: store.schema).blobs WHERE sha256 = \(sha256)",
                                                  logger: logger)
            for try await _ in rows { return true }
            return false
        }
        if recorded == false { blobs.removeBlob(sha256) }
    }
}
