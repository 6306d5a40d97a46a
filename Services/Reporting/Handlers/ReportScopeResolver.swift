import Contracts
import Domain
import Logging
import PostgresNIO
import ServiceKit

/// The caller's `ReportScope`, from reporting's copy of the org-unit tree: a reading role at a
/// root unit (a province or ministry) covers every agency with that unit's level-1 code; at any
/// other unit, the agencies of the unit and below.
struct ReportScopeResolver: Sendable {
    let units: OrgUnitCopies

    /// 401 for anonymous callers, 403 for callers holding no reading role.
    func scope(of caller: Caller, on connection: PostgresConnection, logger: Logger) async throws -> ReportScope {
        guard caller.isAuthenticated else { throw Problem.authenticationRequired }
        let reading = ReportScope.readingUnits(caller.assignments.map { ($0.role, $0.orgUnit) })
        guard !reading.isEmpty else {
            throw Problem(status: 403, title: "Forbidden",
                          detail: "Reports are for administrators, supervisors, agency leaders and department heads.")
        }
        var scope = ReportScope()
        var inner: [String] = []
        let roots = try await levelOneAgencies(of: reading, on: connection, logger: logger)
        for unit in reading {
            if let agency = roots[unit] { scope.addLevelOne(agency: agency) } else { inner.append(unit) }
        }
        if !inner.isEmpty { scope.add(agencies: try await units.agencies(under: inner, on: connection, logger: logger)) }
        return scope
    }

    /// The agency of each of `codes` that is a root of the tree (no parent, not the public unit).
    private func levelOneAgencies(of codes: [String], on connection: PostgresConnection,
                                  logger: Logger) async throws -> [String: String] {
        var roots: [String: String] = [:]
        for try await (code, agency) in try await connection.query("""
            SELECT code, agency_code FROM \(unescaped: units.schema).org_units
            WHERE code = ANY(\(codes)) AND parent_code IS NULL AND kind <> 'public' AND agency_code IS NOT NULL
            """, logger: logger).decode((String, String).self) {
            roots[code] = agency
        }
        return roots
    }
}
