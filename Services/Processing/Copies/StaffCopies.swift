import Contracts
import Foundation
import Logging
import Messaging
import PostgresNIO
import ServiceKit

/// A user as processing knows them (no secrets).
struct StaffMember: Sendable, Hashable {
    let id: String
    let username: String
    let displayName: String
    let kind: String
    let disabled: Bool
    let roles: [RoleAssignment]

    func holds(_ role: String) -> [String] { roles.filter { $0.role == role }.map(\.orgUnit) }
}

/// `processing.staff`: identity's users, kept from `identity.user.changed` plus a snapshot loaded
/// at start-up (`identity.users.all`). Assignees are checked and actors named with it.
struct StaffCopies: Sendable {
    let schema: String

    func store(_ user: UserView, at time: Date, on connection: PostgresConnection, logger: Logger) async throws {
        let roles = String(decoding: try WireJSON.encode(user.roles), as: UTF8.self)
        // A change delivered late never overwrites a newer one.
        try await connection.query("""
            INSERT INTO \(unescaped: schema).staff AS s (id, username, display_name, kind, disabled, roles, changed_at)
            VALUES (\(user.id), \(user.username), \(user.displayName), \(user.kind), \(user.disabled), \(roles)::jsonb, \(time))
            ON CONFLICT (id) DO UPDATE SET username = EXCLUDED.username, display_name = EXCLUDED.display_name,
                kind = EXCLUDED.kind, disabled = EXCLUDED.disabled, roles = EXCLUDED.roles, changed_at = EXCLUDED.changed_at
            WHERE s.changed_at <= EXCLUDED.changed_at
            """, logger: logger)
    }

    /// Loads every user over RPC (retrying while identity is not answering), then reports `staff` ready.
    func synchronise(runtime: ServiceRuntime) async {
        await runtime.loadSnapshot("staff", from: .identity, "users.all", as: [UserView].self) { users, connection in
            let now = Date()
            for user in users { try await store(user, at: now, on: connection, logger: runtime.logger) }
        }
    }

    /// The user with this id or username.
    func find(_ idOrUsername: String, on connection: PostgresConnection, logger: Logger) async throws -> StaffMember? {
        for try await (id, username, name, kind, disabled, roles) in try await connection.query("""
            SELECT id, username, display_name, kind, disabled, roles::text FROM \(unescaped: schema).staff
            WHERE id = \(idOrUsername) OR username = \(idOrUsername) LIMIT 1
            """, logger: logger).decode((String, String, String, String, Bool, String).self) {
            return StaffMember(id: id, username: username, displayName: name, kind: kind, disabled: disabled,
                               roles: try WireJSON.decode([RoleAssignment].self, from: Data(roles.utf8)))
        }
        return nil
    }
}

/// `processing.identity-events`: the org-unit tree and the users.
struct IdentityCopyHandler: Sendable {
    let units: OrgUnitCopies
    let staff: StaffCopies

    var subscription: EventSubscription {
        let unitSubscription = units.subscription(queue: "processing.identity-events")
        return EventSubscription(queue: unitSubscription.queue,
                                 routingKeys: unitSubscription.routingKeys + [EventName.userChanged.routingKey]) { delivery, connection, logger in
            if delivery.routingKey == EventName.userChanged.routingKey {
                let envelope = try EventSubscription.decode(UserView.self, from: delivery)
                try await staff.store(envelope.data, at: envelope.time, on: connection, logger: logger)
            } else {
                try await unitSubscription.handler(delivery, connection, logger)
            }
        }
    }
}
