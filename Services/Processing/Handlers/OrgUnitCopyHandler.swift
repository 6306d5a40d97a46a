import Contracts
import Foundation
import Logging
import PostgresNIO
import ServiceKit

/// Keeps processing's copy of the org-unit tree from `identity.org-unit.changed`.
struct OrgUnitCopyHandler: Sendable {
    static let orgUnitChanged = EventName(routingKey: "identity.org-unit.changed")

    var subscription: EventSubscription {
        EventSubscription(queue: "processing.identity-events", routingKeys: [Self.orgUnitChanged.routingKey]) {
            delivery, connection, logger in
            let envelope = try EventSubscription.decode(OrgUnitView.self, from: delivery)
            let unit = envelope.data
            try await connection.query("""
                INSERT INTO processing.org_units AS u (code, name, kind, parent_code, agency_code, changed_at)
                VALUES (\(unit.code), \(unit.name), \(unit.kind), \(unit.parentCode), \(unit.agencyCode), \(envelope.time))
                ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, parent_code = EXCLUDED.parent_code,
                    agency_code = EXCLUDED.agency_code, changed_at = EXCLUDED.changed_at
                WHERE u.changed_at <= EXCLUDED.changed_at
                """, logger: logger)
        }
    }
}
