import Contracts
import Domain
import Foundation
import Logging
import Messaging
import PostgresNIO
import ServiceKit

/// Consumes `processing.dossier.result-issued`: each result document named by the agency leader
/// becomes the e-result with the code processing gave it (`{dossier code}-KQ{n}`), signed by the
/// dossier's agency and owned by the dossier's owner. Replays change nothing; a document id that
/// is not stored here is logged and skipped (the result stays on the dossier's record).
struct ResultIssuedHandler: Sendable {
    let results: ResultHandlers

    var subscription: EventSubscription {
        EventSubscription(queue: "documents.processing-events",
                          routingKeys: [EventName.processing(.resultIssued).routingKey]) { delivery, connection, logger in
            let event = try EventSubscription.decode(DossierStepEvent.self, from: delivery).data
            try await register(event, correlationID: delivery.correlationID, on: connection, logger: logger)
        }
    }

    func register(_ event: DossierStepEvent, correlationID: String?, on connection: PostgresConnection, logger: Logger) async throws {
        guard case .object(let data)? = Optional(event.data), case .array(let items)? = data["resultDocuments"],
              let codes = event.resultCodes, let dossier = DossierCode(event.code) else { return }
        let documentIds = items.compactMap { if case .string(let id) = $0 { id } else { nil } }
        // Processing numbered the new results last: they are the tail of its list.
        for (documentText, code) in zip(documentIds, codes.suffix(documentIds.count)) {
            guard try await results.results.find(code, on: connection, logger: logger) == nil else { continue }
            guard let documentId = UUID(uuidString: documentText),
                  let document = try await results.documents.find(documentId, on: connection, logger: logger) else {
                logger.warning("result document not stored here; not signed", metadata: ["code": "\(code)", "document": "\(documentText)"])
                continue
            }
            let ordinal = Int(code.split(separator: "-").last?.dropFirst(2) ?? "") ?? 0
            _ = try await results.register(document, id: documentId, as: code, ordinal: ordinal, dossier: dossier.description,
                                           agency: event.agencyCode, ownerId: event.ownerId, issuedBy: event.actor.id,
                                           correlationID: correlationID, on: connection, logger: logger)
            logger.info("e-result registered", metadata: ["code": "\(code)"])
        }
    }
}
