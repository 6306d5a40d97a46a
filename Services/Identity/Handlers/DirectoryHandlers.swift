import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO
import ServiceKit
import Storage

/// `identity.users.list`, `.users.create`, `.users.disable` and `identity.org-units.list`, for
/// administrators within their org units. Every change is audited and announced with
/// `identity.user.changed` (no secrets).
struct DirectoryHandlers: Sendable {
    let runtime: ServiceRuntime
    let hasher: Argon2Hasher
    let users = UserStore()
    let audit = SecurityAudit()

    func listUsers(_ request: PageRequest, context: RPCContext) async throws -> Page<UserView> {
        let roots = try AdministratorScope.require(context.caller)
        let paging = try Paging.validated(page: request.page, pageSize: request.pageSize, pageSizes: 1...200)
        let (page, size) = (paging.page, paging.pageSize)
        let pattern = request.query.map { "%" + $0.lowercased() + "%" } ?? "%"
        return try await runtime.database.withConnection { connection in
            let scope = Array(try await AdministratorScope.unitIDs(under: roots, on: connection, logger: context.logger))
            let total = try await count(connection.query("""
                SELECT count(DISTINCT u.id)::int FROM identity.users u JOIN identity.user_roles r ON r.user_id = u.id
                WHERE r.org_unit_id = ANY(\(scope)) AND (u.username LIKE \(pattern) OR lower(u.display_name) LIKE \(pattern))
                """, logger: context.logger))
            var ids: [UUID] = []
            for try await id in try await connection.query("""
                SELECT u.id FROM identity.users u WHERE EXISTS (
                    SELECT 1 FROM identity.user_roles r WHERE r.user_id = u.id AND r.org_unit_id = ANY(\(scope)))
                AND (u.username LIKE \(pattern) OR lower(u.display_name) LIKE \(pattern))
                ORDER BY u.username LIMIT \(size) OFFSET \((page - 1) * size)
                """, logger: context.logger).decode(UUID.self) {
                ids.append(id)
            }
            var items: [UserView] = []
            for id in ids {
                if let user = try await users.find(id: id, on: connection, logger: context.logger) { items.append(Self.view(user)) }
            }
            return Page(items: items, page: page, pageSize: size, total: total)
        }
    }

    func createUser(_ request: CreateUser, context: RPCContext) async throws -> UserView {
        let roots = try AdministratorScope.require(context.caller)
        let user = try NewUser.validate(request.body)
        let hash = try await hasher.hash(user.password)
        let logger = context.logger
        let created = try await runtime.database.transaction(logger: logger) { connection -> UserRecord in
            let scope = try await AdministratorScope.unitIDs(under: roots, on: connection, logger: logger)
            var assignments: [(String, UUID)] = []
            var errors: [FieldError] = []
            for (index, role) in user.roles.enumerated() {
                var unit: UUID?
                for try await id in try await connection.query("SELECT id FROM identity.org_units WHERE code = \(role.orgUnit)",
                                                               logger: logger).decode(UUID.self) { unit = id }
                guard let unit else {
                    errors.append(FieldError(field: "roles[\(index)].orgUnit", message: "is not a known org unit"))
                    continue
                }
                guard scope.contains(unit) else {
                    throw Problem(status: 403, title: "Forbidden", detail: "Org unit \(role.orgUnit) is outside your administration.")
                }
                assignments.append((role.role, unit))
            }
            guard errors.isEmpty else { throw ValidationFailure(errors) }
            guard try await users.create(username: user.username, displayName: user.displayName, kind: user.kind,
                                         passwordHash: hash, roles: assignments, on: connection, logger: logger),
                  let record = try await users.find(username: user.username, on: connection, logger: logger) else {
                throw Problem.conflict("The username \(user.username) is taken.")
            }
            try await audit.append(actor: context.caller.userId ?? "-", action: "user.created", subject: record.id.uuidString.lowercased(),
                                   detail: "roles " + record.roleClaims.joined(separator: ","), on: connection, logger: logger)
            try await announce(record, context: context, on: connection)
            return record
        }
        runtime.relay.wake()
        return Self.view(created)
    }

    func disableUser(_ request: UserReference, context: RPCContext) async throws -> UserView {
        let roots = try AdministratorScope.require(context.caller)
        guard let id = UUID(uuidString: request.id) else { throw Problem.notFound("No such user.") }
        guard request.id.lowercased() != context.caller.userId?.lowercased() else {
            throw Problem.conflict("Administrators cannot disable their own account.")
        }
        let logger = context.logger
        let disabled = try await runtime.database.transaction(logger: logger) { connection -> UserRecord in
            let scope = try await AdministratorScope.unitIDs(under: roots, on: connection, logger: logger)
            var units: [UUID] = []
            for try await unit in try await connection.query("SELECT org_unit_id FROM identity.user_roles WHERE user_id = \(id)",
                                                             logger: logger).decode(UUID.self) { units.append(unit) }
            guard !units.isEmpty, units.allSatisfy(scope.contains) else { throw Problem.notFound("No such user in your administration.") }
            try await connection.query("UPDATE identity.users SET disabled = true, updated_at = now() WHERE id = \(id)", logger: logger)
            try await connection.query("""
                UPDATE identity.sessions SET revoked_at = now(), revoked_reason = 'user disabled' WHERE user_id = \(id) AND revoked_at IS NULL
                """, logger: logger)
            guard let record = try await users.find(id: id, on: connection, logger: logger) else { throw Problem.notFound("No such user.") }
            try await audit.append(actor: context.caller.userId ?? "-", action: "user.disabled", subject: id.uuidString.lowercased(),
                                   detail: "", on: connection, logger: logger)
            try await announce(record, context: context, on: connection)
            return record
        }
        runtime.relay.wake()
        return Self.view(disabled)
    }

    func listOrgUnits(_ request: Empty, context: RPCContext) async throws -> [OrgUnitView] {
        let roots = try AdministratorScope.require(context.caller)
        return try await runtime.database.withConnection { connection in
            let scope = Array(try await AdministratorScope.unitIDs(under: roots, on: connection, logger: context.logger))
            var units: [OrgUnitView] = []
            for try await (code, name, kind, parent, agency) in try await connection.query("""
                SELECT u.code, u.name, u.kind, p.code, u.agency_code FROM identity.org_units u
                LEFT JOIN identity.org_units p ON p.id = u.parent_id WHERE u.id = ANY(\(scope)) ORDER BY u.code
                """, logger: context.logger).decode((String, String, String, String?, String?).self) {
                units.append(OrgUnitView(code: code, name: name, kind: kind, parentCode: parent, agencyCode: agency))
            }
            return units
        }
    }

    /// The whole tree, for services that keep a copy (internal: the gateway does not route it).
    func allOrgUnits(_ request: Empty, context: RPCContext) async throws -> [OrgUnitView] {
        try await runtime.database.withConnection { connection in
            var units: [OrgUnitView] = []
            for try await (code, name, kind, parent, agency) in try await connection.query("""
                SELECT u.code, u.name, u.kind, p.code, u.agency_code FROM identity.org_units u
                LEFT JOIN identity.org_units p ON p.id = u.parent_id ORDER BY u.code
                """, logger: context.logger).decode((String, String, String, String?, String?).self) {
                units.append(OrgUnitView(code: code, name: name, kind: kind, parentCode: parent, agencyCode: agency))
            }
            return units
        }
    }

    /// `identity.users.all`: every user without secrets, for the services' own copies (processing
    /// checks assignees and names actors with it). Internal: the gateway does not expose it.
    func allUsers(_ request: Empty, context: RPCContext) async throws -> [UserView] {
        try await runtime.database.withConnection { connection in
            var users: [String: UserView] = [:]
            var order: [String] = []
            for try await (id, username, name, kind, disabled, role, unit) in try await connection.query("""
                SELECT u.id, u.username, u.display_name, u.kind, u.disabled, r.role, o.code FROM identity.users u
                LEFT JOIN identity.user_roles r ON r.user_id = u.id LEFT JOIN identity.org_units o ON o.id = r.org_unit_id
                ORDER BY u.username, o.code, r.role
                """, logger: context.logger).decode((UUID, String, String, String, Bool, String?, String?).self) {
                let key = id.uuidString.lowercased()
                if users[key] == nil {
                    users[key] = UserView(id: key, username: username, displayName: name, kind: kind, disabled: disabled, roles: [])
                    order.append(key)
                }
                if let role, let unit { users[key]?.roles.append(RoleAssignment(role: role, orgUnit: unit)) }
            }
            return order.compactMap { users[$0] }
        }
    }

    private func announce(_ user: UserRecord, context: RPCContext, on connection: PostgresConnection) async throws {
        let view = Self.view(user)
        try await runtime.outbox.enqueue([
            try OutboxMessage.event(EventName.userChanged, source: .identity, subject: view.id, sequence: nil, payload: view,
                                    correlationID: context.requestId),
        ], on: connection, logger: context.logger)
    }

    private func count(_ rows: PostgresRowSequence) async throws -> Int {
        for try await value in rows.decode(Int.self) { return value }
        return 0
    }

    static func view(_ user: UserRecord) -> UserView {
        UserView(id: user.id.uuidString.lowercased(), username: user.username, displayName: user.displayName, kind: user.kind,
                 disabled: user.disabled, roles: user.roles)
    }
}
