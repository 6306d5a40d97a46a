import Contracts
import Domain
import ServiceKit

/// Every attachment of a submission must be a stored document the submitter may name: asked of
/// `documents` (which owns them) in one call for all attachments, with the submitter as caller.
/// A refused one is a 400 naming it (`attachments[i].documentId`).
struct AttachmentOwnership: Sendable {
    let calls: PeerCalls

    func check(_ attachments: [Submission.Attachment], context: RPCContext) async throws {
        guard !attachments.isEmpty else { return }
        let result = try await calls.call(.documents, "check-attachments",
                                          AttachmentCheck(documentIds: attachments.map(\.documentId)),
                                          as: AttachmentCheckResult.self, caller: context.caller, requestID: context.requestId)
        guard !result.refused.isEmpty else { return }
        let reasons = Dictionary(result.refused.map { ($0.documentId, $0.message) }, uniquingKeysWith: { first, _ in first })
        let errors = attachments.enumerated().compactMap { index, attachment in
            reasons[attachment.documentId].map {
                FieldError(field: "attachments[\(index)].documentId", message: "\($0) (\(attachment.documentId))")
            }
        }
        throw ValidationFailure(errors)
    }
}
