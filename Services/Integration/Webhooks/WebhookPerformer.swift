import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO
import ServiceKit
import Storage

/// `webhook` jobs: one event to one subscription, signed per Standard Webhooks, with the event's
/// own id as `webhook-id` (the same on every attempt and replay: partners dedupe by it). Any 2xx is
/// delivered; anything else is retried with back-off until the bound, then dead-lettered. Attempts
/// failing in a row past the limit disable the subscription and announce it
/// (`integration.subscription.disabled`). Each attempt connects to the address `URLGuard` vetted
/// just before (`OutboundHTTP.postPinned`); the delivery log keeps the status and a short reason
/// of our own, never the target's reply.
struct WebhookPerformer: JobPerformer {
    let runtime: ServiceRuntime
    let http: OutboundHTTP
    let subscriptions: SubscriptionStore
    let log: EventLog
    let guardian: URLGuard
    let disableAfterFailures: Int
    let audit: SubscriptionAudit

    func perform(_ job: Job, logger: Logger) async -> JobOutcome {
        guard let subscriptionID = job.subscriptionID, let eventID = job.eventID else {
            return .dead(status: nil, error: "malformed webhook job")
        }
        let loaded: (SubscriptionRecord?, Data?)
        do {
            loaded = try await runtime.database.withConnection { connection in
                (try await subscriptions.find(subscriptionID, on: connection, logger: logger),
                 try await log.body(of: eventID, on: connection, logger: logger))
            }
        } catch {
            return .retry(status: nil, error: "database: \(error)")
        }
        guard let subscription = loaded.0 else { return .dead(status: nil, error: "the subscription was deleted") }
        guard subscription.status == "active" else { return .dead(status: nil, error: "the subscription is disabled") }
        guard let body = loaded.1 else { return .dead(status: nil, error: "the event is no longer kept") }
        let outcome = await deliver(body, eventID: eventID, to: subscription, logger: logger)
        await account(outcome, subscription: subscription, logger: logger)
        return outcome
    }

    private func deliver(_ body: Data, eventID: UUID, to subscription: SubscriptionRecord, logger: Logger) async -> JobOutcome {
        let target: WebhookTarget
        do {
            target = try await guardian.vet(subscription.url)
        } catch {
            return .retry(status: nil, error: "URL refused: \(error)")
        }
        // The CloudEvents id exactly as the body carries it (partners compare the two).
        let id = (try? JSONDecoder().decode(EventID.self, from: body))?.id ?? eventID.uuidString
        let timestamp = Int(Date().timeIntervalSince1970)
        guard let signature = WebhookSignature.sign(id: id, timestamp: timestamp, body: body, secret: subscription.secret) else {
            return .dead(status: nil, error: "unusable secret")
        }
        do {
            let status = try await http.postPinned(target, body: body, headers: [
                ("webhook-id", id), ("webhook-timestamp", String(timestamp)), ("webhook-signature", signature),
            ])
            if (200..<300).contains(status) { return .delivered(status: status) }
            return .retry(status: status, error: DeliveryFailure.status(status))
        } catch {
            return .retry(status: nil, error: DeliveryFailure.transport(error))
        }
    }

    private func account(_ outcome: JobOutcome, subscription: SubscriptionRecord, logger: Logger) async {
        do {
            try await runtime.database.transaction(logger: logger) { connection in
                switch outcome {
                case .delivered:
                    try await subscriptions.recordSuccess(subscription.id, on: connection, logger: logger)
                case .retry(_, let error), .dead(_, let error):
                    let reason = "\(disableAfterFailures) delivery attempts in a row failed; last: \(error.prefix(200))"
                    guard let disabled = try await subscriptions.recordFailure(subscription.id, limit: disableAfterFailures, reason: reason,
                                                                               on: connection, logger: logger) else { return }
                    try await audit.record("disabled", subscription: disabled, actor: "system",
                                           change: "status=active -> disabled; reason=\(reason)", on: connection, logger: logger)
                    let event = SubscriptionDisabled(id: disabled.id, ownerId: disabled.ownerId, url: disabled.url, reason: reason,
                                                     at: Date())
                    try await runtime.outbox.enqueue([
                        try OutboxMessage.event(.subscriptionDisabled, source: .integration, subject: disabled.id.uuidString.lowercased(),
                                                sequence: nil, payload: event, correlationID: nil),
                    ], on: connection, logger: logger)
                    logger.warning("subscription disabled", metadata: ["subscription": "\(disabled.id)", "reason": "\(reason)"])
                }
            }
            runtime.relay.wake()
        } catch {
            logger.warning("could not account a delivery", metadata: ["error": "\(String(reflecting: error))"])
        }
    }
}

/// The `id` of a CloudEvents body.
private struct EventID: Decodable {
    let id: String
}
