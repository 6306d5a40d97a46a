import Contracts
import Domain
import Foundation
import ServiceKit

/// `documents.check-attachments`: intake asks, for all attachments of a submission at once,
/// which of them the submitter (the forwarded caller) may not name (`DocumentClaims`).
struct ClaimHandlers: Sendable {
    let runtime: ServiceRuntime
    let store: DocumentStore

    static let maximumDocuments = 200

    func check(_ request: AttachmentCheck, context: RPCContext) async throws -> AttachmentCheckResult {
        guard request.documentIds.count <= Self.maximumDocuments else {
            throw ValidationFailure([FieldError(field: "documentIds", message: "must list at most \(Self.maximumDocuments) documents")])
        }
        let ids = request.documentIds.map { UUID(uuidString: $0) }
        let wanted = Array(Set(ids.compactMap { $0 }))
        let claims = wanted.isEmpty ? [:] : try await runtime.database.withConnection { connection in
            try await store.claims(wanted, on: connection, logger: context.logger)
        }
        var refused: [RefusedAttachment] = []
        for (text, id) in zip(request.documentIds, ids) {
            guard let id else {
                refused.append(RefusedAttachment(documentId: text, message: "must be a document id (UUID)"))
                continue
            }
            if let message = DocumentClaims.refusal(claims[id], caller: context.caller) {
                refused.append(RefusedAttachment(documentId: text, message: message))
            }
        }
        return AttachmentCheckResult(refused: refused)
    }
}
