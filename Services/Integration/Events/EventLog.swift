import Foundation
import Logging
import PostgresNIO

/// Every dossier event integration consumed (`integration.dossier_events`): the bodies webhooks
/// send and replays read again, and the sequence numbers the portal lane checks.
struct EventLog: Sendable {
    let schema: String

    func record(_ event: DossierEvent, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("""
            INSERT INTO \(unescaped: schema).dossier_events
                (event_id, routing_key, type, subject, sequence, event_time, agency_code, procedure_code, body)
            VALUES (\(event.id), \(event.routingKey), \(event.type), \(event.subject), \(event.sequence), \(event.time),
                    \(event.agencyCode), \(event.procedureCode), \(String(decoding: event.body, as: UTF8.self)))
            ON CONFLICT (event_id) DO NOTHING
            """, logger: logger)
    }

    /// An event's body as received.
    func body(of id: UUID, on connection: PostgresConnection, logger: Logger) async throws -> Data? {
        for try await body in try await connection.query("""
            SELECT body FROM \(unescaped: schema).dossier_events WHERE event_id = \(id)
            """, logger: logger).decode(String.self) {
            return Data(body.utf8)
        }
        return nil
    }
}
