import Contracts
import Domain
import Foundation
import ServiceKit

/// `documents.upload.begin|chunk|commit|abort`: a file arrives in bounded chunks appended to a
/// temporary file; at commit its SHA-256 and size are checked against the gateway's, its media
/// type is sniffed and checked, and only then is it renamed into the blob store and recorded.
struct UploadHandlers: Sendable {
    let runtime: ServiceRuntime
    let settings: DocumentsSettings
    let blobs: BlobStore
    let committer: UploadCommitter
    let units: OrgUnitCopies
    let dossiers: DossierOwnership

    func begin(_ request: UploadBegin, context: RPCContext) async throws -> UploadTicket {
        // Anonymous callers upload only plain files for an anonymous submission (`DocumentClaims`).
        let owner = context.caller.userId
        if owner == nil, request.dossierCode != nil || request.replaces != nil || request.digitised == true
            || !["general", "submission"].contains(request.documentType ?? "general") {
            throw Problem.authenticationRequired
        }
        let declared = MediaSniffer.normalise(request.declaredType)
        guard MediaSniffer.allowed.contains(declared) else { throw Self.unsupported("\(declared.isEmpty ? "no type" : declared) is not accepted") }
        if let size = request.declaredSize, size > settings.maximumFileBytes { throw tooLarge() }
        let digitised = request.digitised ?? false
        var errors: [FieldError] = []
        if let dossier = request.dossierCode, DossierCode(dossier) == nil {
            errors.append(FieldError(field: "dossierCode", message: "must be a dossier code such as 000.00.00.H30-251125-0001"))
        }
        if request.dossierCode != nil, (request.componentCode ?? "").isEmpty || (request.componentCode?.count ?? 0) > 64 {
            errors.append(FieldError(field: "componentCode", message: "must name the dossier component (1 to 64 characters)"))
        }
        if digitised && request.dossierCode == nil {
            errors.append(FieldError(field: "dossierCode", message: "is required for a digitised copy (its agency signs it)"))
        }
        let type = digitised ? "digitised" : (request.documentType ?? (request.dossierCode == nil ? "general" : "submission"))
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        if digitised && !DocumentAccess.isStaff(context.caller) {
            throw Problem(status: 403, title: "Forbidden", detail: "Only officers make digitised copies.")
        }
        if let dossier = request.dossierCode {
            try await runtime.database.withConnection { connection in
                try await DocumentClaims.requireDossierWrite(nil, into: dossier, caller: context.caller, units: units, dossiers: dossiers,
                                                             requestID: context.requestId, on: connection, logger: context.logger)
            }
        }
        let seriesId = try await checkTypeAndSeries(type: type, replaces: request.replaces, context: context)
        let id = UUID()
        let meta = UploadMeta(ownerId: owner, declaredType: declared, filename: FilenameRules.sanitise(request.filename),
                              documentType: type, seriesId: seriesId, dossierCode: request.dossierCode,
                              componentCode: request.componentCode, digitised: digitised)
        try blobs.begin(id, meta: try JSONEncoder().encode(meta))
        return UploadTicket(uploadId: id.uuidString.lowercased(), chunkBytes: settings.chunkBytes, maximumBytes: settings.maximumFileBytes)
    }

    func chunk(_ request: UploadChunk, context: RPCContext) async throws -> UploadProgress {
        let (id, _) = try transfer(request.uploadId, context: context)
        guard let bytes = Data(base64Encoded: request.data) else {
            throw ValidationFailure([FieldError(field: "data", message: "must be base64")])
        }
        guard bytes.count <= settings.chunkBytes else {
            throw ValidationFailure([FieldError(field: "data", message: "must be at most \(settings.chunkBytes) bytes")])
        }
        guard request.offset >= 0, request.offset + bytes.count <= settings.maximumFileBytes else {
            blobs.discard(id)
            throw tooLarge()
        }
        do {
            return UploadProgress(received: try blobs.append(id, offset: request.offset, bytes: bytes))
        } catch BlobError.outOfOrder(let expected) {
            throw Problem(status: 409, title: "Chunk out of order", detail: "The next chunk starts at byte \(expected).")
        }
    }

    func commit(_ request: UploadCommit, context: RPCContext) async throws -> DocumentView {
        let (id, meta) = try transfer(request.uploadId, context: context)
        do {
            return try await committer.commit(id, meta: meta, claimed: request, context: context)
        } catch {
            blobs.discard(id)
            throw error
        }
    }

    func abort(_ request: UploadAbort, context: RPCContext) async throws -> Empty {
        if let (id, _) = try? transfer(request.uploadId, context: context) { blobs.discard(id) }
        return Empty()
    }

    /// The transfer and what was declared; 404 for an unknown (or swept) one, 403 for someone else's.
    private func transfer(_ text: String, context: RPCContext) throws -> (UUID, UploadMeta) {
        guard let id = UUID(uuidString: text), let data = blobs.meta(id),
              let meta = try? JSONDecoder().decode(UploadMeta.self, from: data) else {
            throw Problem.notFound("No transfer \(text) is in progress.")
        }
        guard meta.ownerId == context.caller.userId else {
            throw Problem(status: 403, title: "Forbidden", detail: "This transfer belongs to another user.")
        }
        return (id, meta)
    }

    private func checkTypeAndSeries(type: String, replaces: String?, context: RPCContext) async throws -> UUID? {
        let store = committer.store
        return try await runtime.database.withConnection { connection in
            guard try await store.knownType(type, on: connection, logger: context.logger) else {
                throw ValidationFailure([FieldError(field: "documentType", message: "is not a known document type")])
            }
            guard let replaces else { return nil }
            guard let previous = UUID(uuidString: replaces) else {
                throw ValidationFailure([FieldError(field: "replaces", message: "must be a document id")])
            }
            guard let document = try await store.find(previous, on: connection, logger: context.logger) else {
                throw Problem.notFound("No document \(replaces).")
            }
            // A new version: the owner's, or by officers serving the agency of the document's dossier.
            if document.ownerId == nil || document.ownerId != context.caller.userId {
                guard try await DocumentAccess.servesDossier(document.dossierCode, caller: context.caller, units: units,
                                                             on: connection, logger: context.logger) else {
                    throw DocumentClaims.forbidden("Only the document's owner or an officer handling its dossier may change it.")
                }
            }
            return UUID(uuidString: document.seriesId)
        }
    }

    static func unsupported(_ detail: String) -> Problem {
        Problem(status: 415, title: "Unsupported media type",
                detail: "\(detail). Accepted: PDF, JPEG, PNG, TIFF, DOCX, XLSX, ODT, ODS.",
                errors: [FieldError(field: "Content-Type", message: detail)])
    }

    func tooLarge() -> Problem {
        Problem(status: 413, title: "Payload too large", detail: "A file may be at most \(settings.maximumFileBytes) bytes.",
                errors: [FieldError(field: "file", message: "is larger than \(settings.maximumFileBytes) bytes")])
    }
}
