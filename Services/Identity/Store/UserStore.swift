import Contracts
import Foundation
import Logging
import PostgresNIO

/// A user with what a token needs.
struct UserRecord: Sendable {
    let id: UUID
    let username: String
    let displayName: String
    let kind: String
    let passwordHash: String
    let disabled: Bool
    /// A self-registered account whose e-mail address is not verified yet: it cannot sign in.
    let pendingVerification: Bool
    var roles: [RoleAssignment]

    /// `role@orgUnitCode` strings carried in access tokens.
    var roleClaims: [String] { roles.map { "\($0.role)@\($0.orgUnit)" } }
}

/// Users, their roles and the org-unit tree.
struct UserStore: Sendable {
    let schema = "identity"

    func find(username: String, on connection: PostgresConnection, logger: Logger) async throws -> UserRecord? {
        try await first(connection.query("""
            SELECT id, username, display_name, kind, password_hash, disabled, pending_verification FROM identity.users WHERE username = \(username)
            """, logger: logger), connection: connection, logger: logger)
    }

    func find(id: UUID, on connection: PostgresConnection, logger: Logger) async throws -> UserRecord? {
        try await first(connection.query("""
            SELECT id, username, display_name, kind, password_hash, disabled, pending_verification FROM identity.users WHERE id = \(id)
            """, logger: logger), connection: connection, logger: logger)
    }

    private func first(_ rows: PostgresRowSequence, connection: PostgresConnection, logger: Logger) async throws -> UserRecord? {
        var found: UserRecord?
        for try await (id, username, name, kind, hash, disabled, pending) in rows.decode((UUID, String, String, String, String, Bool, Bool).self) {
            found = UserRecord(id: id, username: username, displayName: name, kind: kind, passwordHash: hash,
                               disabled: disabled, pendingVerification: pending, roles: [])
        }
        guard var user = found else { return nil }
        for try await (role, unit) in try await connection.query("""
            SELECT r.role, u.code FROM identity.user_roles r JOIN identity.org_units u ON u.id = r.org_unit_id
            WHERE r.user_id = \(user.id) ORDER BY u.code, r.role
            """, logger: logger).decode((String, String).self) {
            user.roles.append(RoleAssignment(role: role, orgUnit: unit))
        }
        return user
    }

    /// Creates or updates an org unit by code; returns its id and whether anything changed.
    func ensureOrgUnit(code: String, name: String, kind: String, parentCode: String?, agencyCode: String?,
                       on connection: PostgresConnection, logger: Logger) async throws -> (id: UUID, changed: Bool) {
        let rows = try await connection.query("""
            INSERT INTO identity.org_units AS u (id, code, name, kind, parent_id, agency_code)
            VALUES (\(UUID()), \(code), \(name), \(kind),
                    (SELECT id FROM identity.org_units WHERE code = \(parentCode)::text), \(agencyCode))
            ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind,
                parent_id = EXCLUDED.parent_id, agency_code = EXCLUDED.agency_code
            WHERE (u.name, u.kind, u.parent_id, u.agency_code) IS DISTINCT FROM
                  (EXCLUDED.name, EXCLUDED.kind, EXCLUDED.parent_id, EXCLUDED.agency_code)
            RETURNING id
            """, logger: logger)
        for try await id in rows.decode(UUID.self) { return (id, true) }
        for try await id in try await connection.query("SELECT id FROM identity.org_units WHERE code = \(code)",
                                                       logger: logger).decode(UUID.self) {
            return (id, false)
        }
        throw Problem.internalError
    }

    /// Creates a user unless the username exists; returns whether it was created.
    func create(username: String, displayName: String, kind: String, passwordHash: String, roles: [(String, UUID)],
                on connection: PostgresConnection, logger: Logger) async throws -> Bool {
        let id = UUID()
        let rows = try await connection.query("""
            INSERT INTO identity.users (id, username, display_name, kind, password_hash)
            VALUES (\(id), \(username), \(displayName), \(kind), \(passwordHash))
            ON CONFLICT (username) DO NOTHING RETURNING 1
            """, logger: logger)
        var created = false
        for try await _ in rows { created = true }
        guard created else { return false }
        for (role, unit) in roles {
            try await connection.query("""
                INSERT INTO identity.user_roles (user_id, role, org_unit_id) VALUES (\(id), \(role), \(unit))
                """, logger: logger)
        }
        return true
    }

    /// Gives `username` the role in the org unit unless they hold it; returns whether it was added.
    func addRole(username: String, role: String, unit: UUID, on connection: PostgresConnection, logger: Logger) async throws -> Bool {
        let rows = try await connection.query("""
            INSERT INTO identity.user_roles (user_id, role, org_unit_id)
            SELECT id, \(role), \(unit) FROM identity.users WHERE username = \(username)
            ON CONFLICT DO NOTHING RETURNING 1
            """, logger: logger)
        for try await _ in rows { return true }
        return false
    }
}
