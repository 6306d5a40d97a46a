import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO
import ServiceKit

/// `integration.dossier-events` (`processing.dossier.#`, `intake.dossier.submitted`): keeps each
/// event and, in the same transaction (with the inbox claim), queues everything it causes — the
/// portal sync of a status change, one delivery per matching partner subscription, the applicant's
/// notification, a payment request. Redelivery queues nothing twice (inbox, and unique job keys).
struct DossierEventHandler: Sendable {
    static let queue = "integration.dossier-events"
    static let routingKeys = ["processing.dossier.#", EventName.dossierSubmitted.routingKey]

    let settings: IntegrationSettings
    let log: EventLog
    let jobs: JobStore
    let subscriptions: SubscriptionStore
    let payments: PaymentStore

    var subscription: EventSubscription {
        EventSubscription(queue: Self.queue, routingKeys: Self.routingKeys) { delivery, connection, logger in
            try await handle(try DossierEvent(delivery), on: connection, logger: logger)
        }
    }

    func handle(_ event: DossierEvent, on connection: PostgresConnection, logger: Logger) async throws {
        try await log.record(event, on: connection, logger: logger)
        var queued: [NewJob] = []
        if settings.portalURL != nil, event.routingKey == EventName.dossierStatusChanged.routingKey {
            queued.append(NewJob(kind: .portal, dedupeKey: "portal:\(event.id)", lane: "portal:\(event.subject)",
                                 laneOrder: event.sequence ?? 0, eventID: event.id, subject: event.subject, payload: .object([:])))
        }
        if PartnerEvents.names.contains(event.partnerName) {
            for id in try await subscriptions.matching(event: event.partnerName, agency: event.agencyCode,
                                                       procedure: event.procedureCode, on: connection, logger: logger) {
                queued.append(NewJob(kind: .webhook, dedupeKey: "webhook:\(id):\(event.id)", subscriptionID: id,
                                     eventID: event.id, subject: event.subject, payload: .object([:])))
            }
        }
        if let notice = Notice(event) {
            queued.append(NewJob(kind: .notify, dedupeKey: "notify:\(event.id)", eventID: event.id, subject: event.subject,
                                 payload: .object(["notice": .string(notice.rawValue), "data": event.data])))
        }
        if settings.paymentURL != nil, event.partnerName == WorkflowEvent.paymentRequested.rawValue,
           let amount = event.data["data"]?["amount"]?.numberValue, amount > 0 {
            let order = UUID()
            if try await payments.open(order: order, code: event.subject, amount: Int64(amount), eventID: event.id,
                                       on: connection, logger: logger) {
                queued.append(NewJob(kind: .paymentRequest, dedupeKey: "payment:\(event.id)", eventID: event.id,
                                     subject: event.subject, payload: .object(["orderId": .string(order.uuidString.lowercased()),
                                                                               "amount": .number(amount)])))
            }
        }
        _ = try await jobs.enqueue(queued, on: connection, logger: logger)
    }
}

/// The events partners may subscribe to (EVENTS.md, "What partners receive").
enum PartnerEvents {
    static let names: [String] = ["dossier.status-changed", "dossier.result-issued", "dossier.result-returned", "dossier.overdue"]
}
