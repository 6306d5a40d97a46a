import Contracts
import Domain
import Foundation
import Logging
import Messaging
import PostgresNIO
import ServiceKit
import Storage

/// Consumes `intake.dossier.submitted`: opens the case awaiting reception, records the first
/// status and announces it with `processing.dossier.status-changed`.
struct OpenCaseHandler: Sendable {
    let runtime: ServiceRuntime
    let store: CaseStore

    /// The internal state of a case submitted online and not yet checked by a one-stop officer.
    static let awaitingReception = "awaiting-reception"

    var subscription: EventSubscription {
        EventSubscription(queue: "processing.intake-events", routingKeys: [EventName.dossierSubmitted.routingKey]) {
            delivery, connection, logger in
            try await handle(delivery, connection: connection, logger: logger)
        }
    }

    func handle(_ delivery: Delivery, connection: PostgresConnection, logger: Logger) async throws {
        let envelope = try EventSubscription.decode(DossierSubmitted.self, from: delivery)
        let submitted = envelope.data
        let status = NationalStatus.submitted
        let state = Self.awaitingReception
        guard try await store.open(submitted, state: state, status: status, on: connection, logger: logger) else {
            logger.debug("case already open", metadata: ["code": "\(submitted.code)"])
            return
        }
        let actor = "applicant"
        try await store.recordHistory(code: submitted.code, from: nil, to: status, state: state, at: submitted.submittedAt,
                                      actor: actor, reason: nil, on: connection, logger: logger)
        let change = DossierStatusChanged(code: submitted.code, from: nil,
                                          to: .init(status: status, state: state), at: submitted.submittedAt,
                                          actor: actor, reason: nil, dueAt: nil, agencyCode: submitted.agencyCode,
                                          procedureCode: submitted.procedureCode, channel: submitted.channel)
        try await runtime.outbox.enqueue([
            try OutboxMessage.event(.dossierStatusChanged, source: .processing, subject: submitted.code, sequence: 1,
                                    payload: change, correlationID: delivery.correlationID),
        ], on: connection, logger: logger)
        logger.info("case opened", metadata: ["code": "\(submitted.code)"])
    }
}
