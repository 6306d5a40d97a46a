import Contracts
import Foundation
import Logging
import Messaging
import PostgresNIO
import ServiceKit

/// Keeps processing's copies of the catalog: every published procedure version (immutable;
/// retirement marked) and each year's holiday calendar, so deadlines are counted and dossiers
/// handled without reading the catalog's schema.
struct CatalogCopyHandler: Sendable {

    var subscription: EventSubscription {
        EventSubscription(queue: "processing.catalog-events", routingKeys: [
            EventName.procedurePublished.routingKey, EventName.procedureRetired.routingKey, EventName.calendarChanged.routingKey,
        ]) { delivery, connection, logger in
            if delivery.routingKey == EventName.calendarChanged.routingKey {
                try await copyCalendar(delivery, connection: connection, logger: logger)
            } else {
                try await ProcedureCopies(schema: "processing").apply(delivery, on: connection, logger: logger)
            }
        }
    }

    private func copyCalendar(_ delivery: Delivery, connection: PostgresConnection, logger: Logger) async throws {
        let envelope = try EventSubscription.decode(CalendarYearView.self, from: delivery)
        let calendar = envelope.data
        let body = String(decoding: try WireJSON.encode(calendar), as: UTF8.self)
        // An older change delivered late never overwrites a newer one.
        try await connection.query("""
            INSERT INTO processing.calendars AS c (year, body, changed_at) VALUES (\(calendar.year), \(body)::jsonb, \(envelope.time))
            ON CONFLICT (year) DO UPDATE SET body = EXCLUDED.body, changed_at = EXCLUDED.changed_at, received_at = now()
            WHERE c.changed_at <= EXCLUDED.changed_at
            """, logger: logger)
        logger.info("calendar copy updated", metadata: ["year": "\(calendar.year)"])
    }
}
