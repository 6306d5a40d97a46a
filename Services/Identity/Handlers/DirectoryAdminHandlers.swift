import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO
import ServiceKit
import Storage

/// The administrators' directory changes beyond create/disable (issue 16): search with filters,
/// one user, enable, unlock, assign and revoke a role, create an org unit. Every call is limited to the
/// caller's administered units and their subtree (`AdministratorScope`): a user is managed only when
/// every unit they hold a role in is inside it, and nothing in the request decides ownership.
/// Every change is audited in the security chain and announced like `users.create`.
struct DirectoryAdminHandlers: Sendable {
    let runtime: ServiceRuntime
    let users = UserStore()
    let audit = SecurityAudit()

    static let statuses: Set<String> = ["active", "disabled", "locked"]
    static let unitKinds: Set<String> = ["agency", "department", "division"]

    /// `identity.users.search`: the users holding a role inside the scope (narrowed to `orgUnit`'s
    /// subtree and `role`), by name or username, with their status.
    func search(_ request: UserSearch, context: RPCContext) async throws -> Page<DirectoryUser> {
        let roots = try AdministratorScope.require(context.caller)
        let paging = try Paging.validated(page: request.page, pageSize: request.pageSize, pageSizes: 1...200)
        var errors: [FieldError] = []
        let status = request.status.flatMap { $0.isEmpty ? nil : $0 }
        if let status, !Self.statuses.contains(status) { errors.append(FieldError(field: "status", message: "must be active, disabled or locked")) }
        let role = request.role.flatMap { $0.isEmpty ? nil : $0 }
        if let role, Role(rawValue: role) == nil { errors.append(FieldError(field: "role", message: "is not a known role")) }
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        let pattern = request.query.map { "%" + $0.lowercased().trimmingCharacters(in: .whitespaces) + "%" } ?? "%"
        let (page, size) = (paging.page, paging.pageSize)
        return try await runtime.database.withConnection { connection in
            var scope = try await AdministratorScope.unitIDs(under: roots, on: connection, logger: context.logger)
            if let unit = request.orgUnit, !unit.isEmpty {
                scope.formIntersection(try await AdministratorScope.unitIDs(under: [unit], on: connection, logger: context.logger))
            }
            let units = Array(scope)
            let filter: PostgresQuery = """
                FROM identity.users u WHERE EXISTS (
                    SELECT 1 FROM identity.user_roles r WHERE r.user_id = u.id AND r.org_unit_id = ANY(\(units))
                    AND (\(role)::text IS NULL OR r.role = \(role)::text))
                AND (u.username LIKE \(pattern) OR lower(u.display_name) LIKE \(pattern))
                AND (\(status)::text IS NULL
                     OR (\(status)::text = 'disabled' AND u.disabled)
                     OR (\(status)::text = 'locked' AND EXISTS (SELECT 1 FROM identity.login_attempts f
                         WHERE f.username = u.username AND f.locked_until > now()))
                     OR (\(status)::text = 'active' AND NOT u.disabled AND NOT EXISTS (SELECT 1 FROM identity.login_attempts f
                         WHERE f.username = u.username AND f.locked_until > now())))
                """
            var total = 0
            for try await value in try await connection.query(PostgresQuery(unsafeSQL: "SELECT count(*)::int " + filter.sql, binds: filter.binds),
                                                              logger: context.logger).decode(Int.self) { total = value }
            var ids: [UUID] = []
            let listing = PostgresQuery(unsafeSQL: "SELECT u.id " + filter.sql + " ORDER BY u.username LIMIT \(size) OFFSET \((page - 1) * size)",
                                        binds: filter.binds)
            for try await id in try await connection.query(listing, logger: context.logger).decode(UUID.self) { ids.append(id) }
            var items: [DirectoryUser] = []
            for id in ids {
                if let user = try await users.find(id: id, on: connection, logger: context.logger) {
                    items.append(try await directoryUser(user, on: connection, logger: context.logger))
                }
            }
            return Page(items: items, page: page, pageSize: size, total: total)
        }
    }

    /// `identity.users.get`: one user of the caller's administration (404 otherwise).
    func get(_ request: UserReference, context: RPCContext) async throws -> DirectoryUser {
        let roots = try AdministratorScope.require(context.caller)
        return try await runtime.database.withConnection { connection in
            let user = try await managedUser(request.id, roots: roots, on: connection, logger: context.logger)
            return try await directoryUser(user, on: connection, logger: context.logger)
        }
    }

    /// `identity.users.enable`: a disabled user may sign in again.
    func enable(_ request: UserReference, context: RPCContext) async throws -> UserView {
        let roots = try AdministratorScope.require(context.caller)
        return try await change(context) { connection, logger in
            let user = try await managedUser(request.id, roots: roots, on: connection, logger: logger)
            guard user.disabled else { throw Problem.conflict("The user is not disabled.") }
            try await connection.query("UPDATE identity.users SET disabled = false, updated_at = now() WHERE id = \(user.id)", logger: logger)
            try await audit.append(actor: context.caller.userId ?? "-", action: "user.enabled", subject: user.id.uuidString.lowercased(),
                                   detail: "", on: connection, logger: logger)
            return user.id
        }
    }

    /// `identity.users.unlock`: the sign-in lockout after repeated failures lifted (every address).
    func unlock(_ request: UserReference, context: RPCContext) async throws -> UserView {
        let roots = try AdministratorScope.require(context.caller)
        return try await change(context) { connection, logger in
            let user = try await managedUser(request.id, roots: roots, on: connection, logger: logger)
            var lifted = false
            for try await _ in try await connection.query("""
                UPDATE identity.login_attempts SET failures = 0, locked_until = NULL, updated_at = now()
                WHERE username = \(user.username) AND locked_until > now() RETURNING 1
                """, logger: logger) { lifted = true }
            guard lifted else { throw Problem.conflict("The user is not locked.") }
            try await audit.append(actor: context.caller.userId ?? "-", action: "user.unlocked", subject: user.id.uuidString.lowercased(),
                                   detail: "", on: connection, logger: logger)
            return user.id
        }
    }

    /// `identity.users.assign-role`: the role in an org unit inside the scope.
    func assignRole(_ request: RoleChange, context: RPCContext) async throws -> UserView {
        let roots = try AdministratorScope.require(context.caller)
        return try await change(context) { connection, logger in
            let user = try await managedUser(request.userId, roots: roots, on: connection, logger: logger)
            var errors: [FieldError] = []
            if !NewUser.assignableRoles.contains(request.role) {
                errors.append(FieldError(field: "role", message: "must be one of \(NewUser.assignableRoles.sorted().joined(separator: ", "))"))
            } else if request.role == Role.portalSubmitter.rawValue, user.kind != "partner" {
                errors.append(FieldError(field: "role", message: "portal-submitter is held only by partner accounts"))
            }
            let unit = try await unitID(request.orgUnit, on: connection, logger: logger)
            if unit == nil { errors.append(FieldError(field: "orgUnit", message: "is not a known org unit")) }
            guard errors.isEmpty, let unit else { throw ValidationFailure(errors) }
            let scope = try await AdministratorScope.unitIDs(under: roots, on: connection, logger: logger)
            guard scope.contains(unit) else {
                throw Problem(status: 403, title: "Forbidden", detail: "Org unit \(request.orgUnit) is outside your administration.")
            }
            guard try await users.addRole(username: user.username, role: request.role, unit: unit, on: connection, logger: logger) else {
                throw Problem.conflict("The user already holds \(request.role) in \(request.orgUnit).")
            }
            try await audit.append(actor: context.caller.userId ?? "-", action: "user.role-added", subject: user.id.uuidString.lowercased(),
                                   detail: "role \(request.role)@\(request.orgUnit)", on: connection, logger: logger)
            return user.id
        }
    }

    /// `identity.users.revoke-role`: one held role removed. A user keeps at least one role (disable
    /// them instead), administrators do not revoke their own administrator role, and the last
    /// enabled administrator of a unit (held there or above) keeps it.
    func revokeRole(_ request: RoleChange, context: RPCContext) async throws -> UserView {
        let roots = try AdministratorScope.require(context.caller)
        return try await change(context) { connection, logger in
            let user = try await managedUser(request.userId, roots: roots, on: connection, logger: logger)
            guard user.roles.contains(RoleAssignment(role: request.role, orgUnit: request.orgUnit)),
                  let unit = try await unitID(request.orgUnit, on: connection, logger: logger) else {
                throw Problem.notFound("The user does not hold \(request.role) in \(request.orgUnit).")
            }
            guard user.roles.count > 1 else { throw Problem.conflict("A user keeps at least one role; disable the user instead.") }
            if request.role == Role.administrator.rawValue {
                guard user.id.uuidString.lowercased() != context.caller.userId?.lowercased() else {
                    throw Problem.conflict("Administrators cannot revoke their own administrator role.")
                }
                guard try await otherAdministrators(of: unit, besides: user.id, on: connection, logger: logger) > 0 else {
                    throw Problem.conflict("\(user.username) is the last administrator of \(request.orgUnit).")
                }
            }
            try await connection.query("""
                DELETE FROM identity.user_roles WHERE user_id = \(user.id) AND role = \(request.role) AND org_unit_id = \(unit)
                """, logger: logger)
            // Tokens carry the roles: sessions end so the next request signs in with the remaining ones.
            try await connection.query("""
                UPDATE identity.sessions SET revoked_at = now(), revoked_reason = 'role revoked' WHERE user_id = \(user.id) AND revoked_at IS NULL
                """, logger: logger)
            try await audit.append(actor: context.caller.userId ?? "-", action: "user.role-revoked", subject: user.id.uuidString.lowercased(),
                                   detail: "role \(request.role)@\(request.orgUnit)", on: connection, logger: logger)
            return user.id
        }
    }

    /// `identity.org-units.create`: a unit under a parent the caller administers; the agency code is
    /// the parent's. The code is unique (upper-case letters, digits and '-').
    func createOrgUnit(_ request: CreateOrgUnit, context: RPCContext) async throws -> OrgUnitView {
        let roots = try AdministratorScope.require(context.caller)
        let code = request.code.trimmingCharacters(in: .whitespaces).uppercased()
        let name = request.name.trimmingCharacters(in: .whitespacesAndNewlines)
        var errors: [FieldError] = []
        if !Self.isUnitCode(code) { errors.append(FieldError(field: "code", message: "must be 2 to 40 characters of A-Z, 0-9 or '-'")) }
        if name.isEmpty || name.count > 200 { errors.append(FieldError(field: "name", message: "must be 1 to 200 characters")) }
        if !Self.unitKinds.contains(request.kind) { errors.append(FieldError(field: "kind", message: "must be agency, department or division")) }
        let logger = context.logger
        let created = try await runtime.database.transaction(logger: logger) { connection -> OrgUnitView in
            var parent: (UUID, String?)?
            for try await row in try await connection.query("SELECT id, agency_code FROM identity.org_units WHERE code = \(request.parentCode)",
                                                            logger: logger).decode((UUID, String?).self) { parent = row }
            if parent == nil { errors.append(FieldError(field: "parentCode", message: "is not a known org unit")) }
            var taken = false
            for try await _ in try await connection.query("SELECT 1 FROM identity.org_units WHERE code = \(code)", logger: logger) { taken = true }
            if taken { errors.append(FieldError(field: "code", message: "is taken by another org unit")) }
            guard errors.isEmpty, let (parentID, agency) = parent else { throw ValidationFailure(errors) }
            let scope = try await AdministratorScope.unitIDs(under: roots, on: connection, logger: logger)
            guard scope.contains(parentID) else {
                throw Problem(status: 403, title: "Forbidden", detail: "Org unit \(request.parentCode) is outside your administration.")
            }
            try await connection.query("""
                INSERT INTO identity.org_units (id, code, name, kind, parent_id, agency_code)
                VALUES (\(UUID()), \(code), \(name), \(request.kind), \(parentID), \(agency))
                """, logger: logger)
            let view = OrgUnitView(code: code, name: name, kind: request.kind, parentCode: request.parentCode, agencyCode: agency)
            try await audit.append(actor: context.caller.userId ?? "-", action: "org-unit.created", subject: code,
                                   detail: "under \(request.parentCode), \(request.kind)", on: connection, logger: logger)
            try await runtime.outbox.enqueue([
                try OutboxMessage.event(EventName.orgUnitChanged, source: .identity, subject: code, sequence: nil, payload: view,
                                        correlationID: context.requestId),
            ], on: connection, logger: logger)
            return view
        }
        runtime.relay.wake()
        return created
    }

    static func isUnitCode(_ text: String) -> Bool {
        (2...40).contains(text.count) && text.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// Runs a user change in one transaction, then announces the changed user (`identity.user.changed`).
    private func change(_ context: RPCContext,
                        _ body: @Sendable @escaping (PostgresConnection, Logger) async throws -> UUID) async throws -> UserView {
        let logger = context.logger
        let view = try await runtime.database.transaction(logger: logger) { connection -> UserView in
            let id = try await body(connection, logger)
            guard let record = try await users.find(id: id, on: connection, logger: logger) else { throw Problem.notFound("No such user.") }
            let view = DirectoryHandlers.view(record)
            try await runtime.outbox.enqueue([
                try OutboxMessage.event(EventName.userChanged, source: .identity, subject: view.id, sequence: nil, payload: view,
                                        correlationID: context.requestId),
            ], on: connection, logger: logger)
            return view
        }
        runtime.relay.wake()
        return view
    }

    /// The user `id` when every unit they hold a role in is inside the scope; 404 otherwise (the
    /// same answer for a user who does not exist and one outside the administration).
    private func managedUser(_ id: String, roots: [String], on connection: PostgresConnection, logger: Logger) async throws -> UserRecord {
        guard let uuid = UUID(uuidString: id), let user = try await users.find(id: uuid, on: connection, logger: logger) else {
            throw Problem.notFound("No such user in your administration.")
        }
        let scope = try await AdministratorScope.unitIDs(under: roots, on: connection, logger: logger)
        var units: [UUID] = []
        for try await unit in try await connection.query("SELECT org_unit_id FROM identity.user_roles WHERE user_id = \(uuid)",
                                                         logger: logger).decode(UUID.self) { units.append(unit) }
        guard !units.isEmpty, units.allSatisfy(scope.contains) else { throw Problem.notFound("No such user in your administration.") }
        return user
    }

    private func unitID(_ code: String, on connection: PostgresConnection, logger: Logger) async throws -> UUID? {
        for try await id in try await connection.query("SELECT id FROM identity.org_units WHERE code = \(code)", logger: logger).decode(UUID.self) {
            return id
        }
        return nil
    }

    /// Enabled users other than `user` holding the administrator role in `unit` or above it.
    private func otherAdministrators(of unit: UUID, besides user: UUID, on connection: PostgresConnection, logger: Logger) async throws -> Int {
        for try await count in try await connection.query("""
            WITH RECURSIVE up AS (
                SELECT id, parent_id FROM identity.org_units WHERE id = \(unit)
                UNION SELECT o.id, o.parent_id FROM identity.org_units o JOIN up ON o.id = up.parent_id)
            SELECT count(DISTINCT u.id)::int FROM identity.user_roles r JOIN identity.users u ON u.id = r.user_id
            WHERE r.role = 'administrator' AND r.org_unit_id IN (SELECT id FROM up) AND u.id <> \(user) AND NOT u.disabled
            """, logger: logger).decode(Int.self) {
            return count
        }
        return 0
    }

    private func directoryUser(_ user: UserRecord, on connection: PostgresConnection, logger: Logger) async throws -> DirectoryUser {
        var locked = false
        for try await _ in try await connection.query("""
            SELECT 1 FROM identity.login_attempts WHERE username = \(user.username) AND locked_until > now()
            """, logger: logger) { locked = true }
        return DirectoryUser(id: user.id.uuidString.lowercased(), username: user.username, displayName: user.displayName, kind: user.kind,
                             disabled: user.disabled, locked: locked, roles: user.roles)
    }
}
