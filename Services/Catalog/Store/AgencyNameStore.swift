import Contracts
import Logging
import PostgresNIO

/// The names of agencies from the catalog's copy of the org-unit tree: for each agency
/// identifier, the unit that carries it and whose parent does not (the agency itself, not one of
/// its divisions).
struct AgencyNameStore {
    func all(on connection: PostgresConnection, logger: Logger) async throws -> [AgencyName] {
        var names: [AgencyName] = []
        for try await (code, name) in try await connection.query("""
            SELECT DISTINCT ON (u.agency_code) u.agency_code, u.name FROM catalog.org_units u
            WHERE u.agency_code IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM catalog.org_units p WHERE p.code = u.parent_code AND p.agency_code = u.agency_code)
            ORDER BY u.agency_code, u.code
            """, logger: logger).decode((String, String).self) {
            names.append(AgencyName(code: code, name: name))
        }
        return names
    }
}
