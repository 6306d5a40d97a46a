import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO
import ServiceKit

/// Administrators manage the org units they hold the role in and everything below them.
struct AdministratorScope: Sendable {
    /// The org-unit codes the caller administers; 401 for anonymous callers, 403 for others.
    static func require(_ caller: Caller) throws -> [String] {
        try caller.require(.administrator, forbidden: "Only administrators manage users and org units.")
        return caller.units(holding: .administrator)
    }

    /// The ids of every org unit within the scope of `roots` (the units and their descendants).
    static func unitIDs(under roots: [String], on connection: PostgresConnection, logger: Logger) async throws -> Set<UUID> {
        var ids = Set<UUID>()
        for try await id in try await connection.query("""
            WITH RECURSIVE scope AS (
                SELECT id FROM identity.org_units WHERE code = ANY(\(roots))
                UNION SELECT o.id FROM identity.org_units o JOIN scope s ON o.parent_id = s.id)
            SELECT id FROM scope
            """, logger: logger).decode(UUID.self) {
            ids.insert(id)
        }
        return ids
    }
}
