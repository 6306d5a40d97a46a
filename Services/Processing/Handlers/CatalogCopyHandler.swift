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
    static let procedurePublished = EventName(routingKey: "catalog.procedure.published")
    static let procedureRetired = EventName(routingKey: "catalog.procedure.retired")
    static let calendarChanged = EventName(routingKey: "catalog.calendar.changed")

    var subscription: EventSubscription {
        EventSubscription(queue: "processing.catalog-events", routingKeys: [
            Self.procedurePublished.routingKey, Self.procedureRetired.routingKey, Self.calendarChanged.routingKey,
        ]) { delivery, connection, logger in
            switch delivery.routingKey {
            case Self.procedurePublished.routingKey: try await copyProcedure(delivery, connection: connection, logger: logger)
            case Self.procedureRetired.routingKey: try await markRetired(delivery, connection: connection, logger: logger)
            default: try await copyCalendar(delivery, connection: connection, logger: logger)
            }
        }
    }

    private func copyProcedure(_ delivery: Delivery, connection: PostgresConnection, logger: Logger) async throws {
        let envelope = try EventSubscription.decode(ProcedureView.self, from: delivery)
        guard let version = envelope.data.version else { throw PermanentFailure("published procedure without a version") }
        let definition = String(decoding: try WireJSON.encode(envelope.data.procedure), as: UTF8.self)
        try await connection.query("""
            INSERT INTO processing.procedure_versions (code, version, definition, published_at)
            VALUES (\(envelope.data.procedure.code), \(version), \(definition)::jsonb, \(envelope.time))
            ON CONFLICT (code, version) DO NOTHING
            """, logger: logger)
        logger.info("procedure copy stored", metadata: ["code": "\(envelope.data.procedure.code)", "version": "\(version)"])
    }

    private func markRetired(_ delivery: Delivery, connection: PostgresConnection, logger: Logger) async throws {
        let envelope = try EventSubscription.decode(ProcedureRetired.self, from: delivery)
        try await connection.query("""
            UPDATE processing.procedure_versions SET retired_at = \(envelope.time)
            WHERE code = \(envelope.data.code) AND retired_at IS NULL
            """, logger: logger)
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
