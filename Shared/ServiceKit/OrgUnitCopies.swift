import Contracts
import Domain
import Foundation
import Logging
import Messaging
import PostgresNIO

/// A service's own copy of identity's org-unit tree (`<schema>.org_units`, created by the
/// service's migrations), kept from `identity.org-unit.changed` plus a snapshot loaded once the
/// queue is bound. Used to check that a caller acts within the agencies of their units.
public struct OrgUnitCopies: Sendable {
    public let schema: String

    public init(schema: String) { self.schema = schema }

    public func subscription(queue: String) -> EventSubscription {
        EventSubscription(queue: queue, routingKeys: [EventName.orgUnitChanged.routingKey]) { delivery, connection, logger in
            let envelope = try EventSubscription.decode(OrgUnitView.self, from: delivery)
            try await store(envelope.data, at: envelope.time, on: connection, logger: logger)
        }
    }

    /// Loads identity's whole tree over RPC (retrying while identity is not answering), then
    /// reports the service ready (`org-units`).
    public func synchronise(runtime: ServiceRuntime) async {
        await runtime.loadSnapshot("org-units", from: .identity, "org-units.all", as: [OrgUnitView].self) { units, connection in
            let now = Date()
            for unit in units { try await store(unit, at: now, on: connection, logger: runtime.logger) }
        }
    }

    private func store(_ unit: OrgUnitView, at time: Date, on connection: PostgresConnection, logger: Logger) async throws {
        // A change delivered late never overwrites a newer one.
        try await connection.query("""
            INSERT INTO \(unescaped: schema).org_units AS u (code, name, kind, parent_code, agency_code, changed_at)
            VALUES (\(unit.code), \(unit.name), \(unit.kind), \(unit.parentCode), \(unit.agencyCode), \(time))
            ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, parent_code = EXCLUDED.parent_code,
                agency_code = EXCLUDED.agency_code, changed_at = EXCLUDED.changed_at
            WHERE u.changed_at <= EXCLUDED.changed_at
            """, logger: logger)
    }

    /// The agency identifiers of `units` and of every unit below them.
    public func agencies(under units: [String], on connection: PostgresConnection, logger: Logger) async throws -> Set<String> {
        var agencies = Set<String>()
        for try await agency in try await connection.query("""
            WITH RECURSIVE scope AS (
                SELECT code, agency_code FROM \(unescaped: schema).org_units WHERE code = ANY(\(units))
                UNION SELECT o.code, o.agency_code FROM \(unescaped: schema).org_units o JOIN scope s ON o.parent_code = s.code)
            SELECT agency_code FROM scope WHERE agency_code IS NOT NULL
            """, logger: logger).decode(String.self) {
            agencies.insert(agency)
        }
        return agencies
    }

    /// The agencies an officer holding `role` in `unit` serves: those under the unit — and, for a
    /// one-stop desk, under its parent too (the provincial centre serves the whole province).
    public func servedAgencies(role: Role, unit: String, on connection: PostgresConnection, logger: Logger) async throws -> Set<String> {
        var roots = [unit]
        if role == .oneStopOfficer {
            for try await parent in try await connection.query("""
                SELECT parent_code FROM \(unescaped: schema).org_units WHERE code = \(unit) AND parent_code IS NOT NULL
                """, logger: logger).decode(String.self) {
                roots.append(parent)
            }
        }
        return try await agencies(under: roots, on: connection, logger: logger)
    }

    /// Every agency the caller serves in one of `roles`.
    public func servedAgencies(_ caller: Caller, roles: Set<Role>, on connection: PostgresConnection, logger: Logger) async throws -> Set<String> {
        var agencies = Set<String>()
        for assignment in caller.assignments {
            guard let role = Role(rawValue: assignment.role), roles.contains(role) else { continue }
            agencies.formUnion(try await servedAgencies(role: role, unit: assignment.orgUnit, on: connection, logger: logger))
        }
        return agencies
    }

    /// True when one of `units` is a root of the tree (a province or ministry).
    public func includesRoot(_ units: [String], on connection: PostgresConnection, logger: Logger) async throws -> Bool {
        for try await _ in try await connection.query("""
            SELECT 1 FROM \(unescaped: schema).org_units WHERE code = ANY(\(units)) AND parent_code IS NULL AND kind <> 'public'
            """, logger: logger) {
            return true
        }
        return false
    }
}
