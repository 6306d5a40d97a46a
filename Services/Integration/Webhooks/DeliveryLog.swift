import Contracts
import Foundation
import Logging
import PostgresNIO

/// A subscription's deliveries (its `webhook` jobs with their events), and replays.
struct DeliveryLog: Sendable {
    let schema: String

    func page(subscription: UUID, status: String?, page: Int, pageSize: Int,
              on connection: PostgresConnection, logger: Logger) async throws -> DeliveryPage {
        var total = 0
        for try await count in try await connection.query("""
            SELECT count(*)::int FROM \(unescaped: schema).jobs
            WHERE subscription_id = \(subscription) AND (\(status)::text IS NULL OR status = \(status))
            """, logger: logger).decode(Int.self) { total = count }
        var items: [DeliveryView] = []
        let offset = (page - 1) * pageSize
        for try await row in try await connection.query("""
            SELECT j.id, j.event_id, coalesce(e.type, ''), j.subject, e.sequence, j.status, j.attempts, j.last_status, j.last_error,
                   j.created_at, j.last_attempt_at, CASE WHEN j.status = 'pending' THEN j.next_attempt_at END, j.delivered_at,
                   j.dedupe_key LIKE '%:replay:%'
            FROM \(unescaped: schema).jobs j LEFT JOIN \(unescaped: schema).dossier_events e ON e.event_id = j.event_id
            WHERE j.subscription_id = \(subscription) AND (\(status)::text IS NULL OR j.status = \(status))
            ORDER BY j.id DESC LIMIT \(pageSize) OFFSET \(offset)
            """, logger: logger).decode((Int64, UUID, String, String?, Int64?, String, Int, Int?, String?, Date, Date?, Date?, Date?, Bool).self) {
            items.append(DeliveryView(id: row.0, eventId: row.1, eventType: row.2, subject: row.3, sequence: row.4, status: row.5,
                                      attempts: row.6, lastStatus: row.7, lastError: row.8, createdAt: row.9, lastAttemptAt: row.10,
                                      nextAttemptAt: row.11, deliveredAt: row.12, replay: row.13))
        }
        return DeliveryPage(items: items, page: page, pageSize: pageSize, total: total)
    }

    /// Queues a new delivery of every event of `[from, to)` the subscription would have received
    /// (its event names and filter), in event order, with the events' own ids.
    func replay(_ subscription: SubscriptionRecord, from: Date, to: Date, jobs: JobStore,
                on connection: PostgresConnection, logger: Logger) async throws -> Int {
        let batch = UUID().uuidString.lowercased()
        var queued: [NewJob] = []
        for try await (eventID, subject) in try await connection.query("""
            SELECT event_id, subject FROM \(unescaped: schema).dossier_events
            WHERE event_time >= \(from) AND event_time < \(to)
              AND substring(routing_key from position('.' in routing_key) + 1) = ANY(\(subscription.events))
              AND (\(subscription.agency)::text IS NULL OR agency_code = \(subscription.agency))
              AND (\(subscription.procedure)::text IS NULL OR procedure_code = \(subscription.procedure))
            ORDER BY event_time, subject, sequence LIMIT 10000
            """, logger: logger).decode((UUID, String).self) {
            queued.append(NewJob(kind: .webhook, dedupeKey: "webhook:\(subscription.id):\(eventID):replay:\(batch)",
                                 subscriptionID: subscription.id, eventID: eventID, subject: subject, payload: .object([:])))
        }
        return try await jobs.enqueue(queued, on: connection, logger: logger)
    }
}
