import Contracts
import Domain
import Foundation
import Logging
import Messaging
import PostgresNIO
import ServiceKit

/// Consumes the dossier events: appends each to the event log and updates the read models in the
/// same transaction, so the figures and the log never disagree.
struct EventLogHandler: Sendable {
    let store: ReportStore
    var projector: ReadModelProjector { ReadModelProjector(store: store) }

    /// Generic view of an envelope, for the log.
    struct AnyEnvelope: Codable, Sendable {
        var id: UUID
        var type: String
        var time: Date
        var subject: String?
        var sequence: Int64?
    }

    var subscription: EventSubscription {
        EventSubscription(queue: "reporting.dossier-events",
                          routingKeys: ["intake.dossier.*", "processing.dossier.*"]) { delivery, connection, logger in
            try await handle(delivery, connection: connection, logger: logger)
        }
    }

    func handle(_ delivery: Delivery, connection: PostgresConnection, logger: Logger) async throws {
        let envelope: AnyEnvelope
        do {
            envelope = try WireJSON.decode(AnyEnvelope.self, from: delivery.body)
        } catch {
            throw PermanentFailure("undecodable event \(delivery.routingKey): \(error)")
        }
        guard try await store.append(messageID: delivery.messageID ?? envelope.id.uuidString.lowercased(),
                                     routingKey: delivery.routingKey, type: envelope.type, subject: envelope.subject, sequence: envelope.sequence,
                                     occurredAt: envelope.time, body: delivery.body, on: connection, logger: logger) else {
            return
        }
        do {
            try await projector.apply(routingKey: delivery.routingKey, body: delivery.body, on: connection, logger: logger)
        } catch is DecodingError {
            throw PermanentFailure("undecodable \(delivery.routingKey) event")
        }
    }
}
