import Contracts
import Domain
import Foundation
import Logging
import Messaging
import PostgresNIO
import ServiceKit

/// Consumes intake's hand-over of each submission (`intake.handover.submitted`, queue
/// `documents.intake-events`): every attachment becomes one of the dossier's documents
/// (`documents.dossier_documents`), so that the officers of the dossier's agency read what the
/// applicant handed in, and a document the dossier took for itself is named by no other
/// submission (`DossierLinkRule`). The public `intake.dossier.submitted` carries no attachments
/// (partners receive it); of the hand-over only the code, agency, owner and components are read.
/// Redelivery changes nothing (inbox, and a link is recorded once).
struct SubmittedAttachmentsHandler: Sendable {
    let links: DossierLinkStore

    /// The part of the hand-over documents reads (the applicant's details are not decoded).
    struct Components: Codable, Sendable {
        var code: String
        var agencyCode: String
        var ownerId: String?
        var attachments: [Submission.Attachment]?
    }

    var subscription: EventSubscription {
        EventSubscription(queue: "documents.intake-events", routingKeys: [EventName.dossierHandedOver.routingKey]) {
            delivery, connection, logger in
            let submitted = try EventSubscription.decode(Components.self, from: delivery).data
            try await link(submitted, on: connection, logger: logger)
        }
    }

    func link(_ submitted: Components, on connection: PostgresConnection, logger: Logger) async throws {
        var linked = 0
        for attachment in submitted.attachments ?? [] {
            let metadata: Logger.Metadata = ["code": "\(submitted.code)", "document": "\(attachment.documentId)",
                                             "component": "\(attachment.componentCode)"]
            guard let id = UUID(uuidString: attachment.documentId),
                  let document = try await links.lockDocument(id, on: connection, logger: logger) else {
                logger.warning("attachment not stored here; not linked", metadata: metadata)
                continue
            }
            let exclusive = DossierLinkRule.isExclusive(documentOwner: document.ownerId, dossierOwner: submitted.ownerId)
            let existing = try await links.links(of: id, on: connection, logger: logger)
            if let refusal = DossierLinkRule.refusal(exclusive: exclusive, into: submitted.code, existing: existing,
                                                     placedIn: document.dossierCode) {
                // Intake checked the submission; only a concurrent submission naming the same document gets here.
                logger.warning("attachment \(refusal); not linked", metadata: metadata)
                continue
            }
            if try await links.link(id, dossierCode: submitted.code, componentCode: attachment.componentCode,
                                    agencyCode: submitted.agencyCode, exclusive: exclusive, on: connection, logger: logger) {
                linked += 1
            }
        }
        logger.info("submitted attachments linked", metadata: ["code": "\(submitted.code)", "linked": "\(linked)"])
    }
}
