import Contracts
import Foundation
import Logging
import PostgresNIO
import ServiceKit

/// A subscription as stored.
struct SubscriptionRecord: Sendable {
    let id: UUID
    let ownerId: String
    let url: String
    let events: [String]
    let agency: String?
    let procedure: String?
    let secret: String
    let status: String
    let createdAt: Date
    let disabledAt: Date?
    let disabledReason: String?

    /// The public view; the secret only when `withSecret` (the reply to the creation).
    func view(withSecret: Bool = false) -> SubscriptionView {
        SubscriptionView(id: id, url: url, events: events, filter: SubscriptionFilter(agency: agency, procedure: procedure),
                         status: status, createdAt: createdAt, disabledAt: disabledAt, disabledReason: disabledReason,
                         secret: withSecret ? secret : nil, owner: ownerId)
    }
}

/// `integration.subscriptions`. The secret column holds the secret sealed under the data key
/// (`ogs1:…`, bound to the subscription's id; docs/operations.md), never the secret itself.
struct SubscriptionStore: Sendable {
    let schema: String
    let sealer: AtRestSealer

    private var columns: String {
        "id, owner_id, url, events, agency_code, procedure_code, secret, status, created_at, disabled_at, disabled_reason"
    }

    func insert(_ record: SubscriptionRecord, on connection: PostgresConnection, logger: Logger) async throws {
        let sealed = try sealer.seal(record.secret, context: Self.context(record.id))
        try await connection.query("""
            INSERT INTO \(unescaped: schema).subscriptions (id, owner_id, url, events, agency_code, procedure_code, secret, created_at)
            VALUES (\(record.id), \(record.ownerId), \(record.url), \(record.events), \(record.agency), \(record.procedure),
                    \(sealed), \(record.createdAt))
            """, logger: logger)
    }

    func find(_ id: UUID, on connection: PostgresConnection, logger: Logger) async throws -> SubscriptionRecord? {
        try await records(try await connection.query("""
            SELECT \(unescaped: columns) FROM \(unescaped: schema).subscriptions WHERE id = \(id) AND status <> 'deleted'
            """, logger: logger)).first
    }

    /// The owner's subscriptions (every one for nil), oldest first.
    func list(owner: String?, on connection: PostgresConnection, logger: Logger) async throws -> [SubscriptionRecord] {
        try await records(try await connection.query("""
            SELECT \(unescaped: columns) FROM \(unescaped: schema).subscriptions
            WHERE status <> 'deleted' AND (\(owner)::text IS NULL OR owner_id = \(owner)) ORDER BY created_at, id
            """, logger: logger))
    }

    /// Active subscriptions to `event` whose filter lets this agency and procedure through.
    func matching(event: String, agency: String?, procedure: String?, on connection: PostgresConnection, logger: Logger) async throws -> [UUID] {
        var ids: [UUID] = []
        for try await id in try await connection.query("""
            SELECT id FROM \(unescaped: schema).subscriptions
            WHERE status = 'active' AND \(event) = ANY(events)
              AND (agency_code IS NULL OR agency_code = \(agency)) AND (procedure_code IS NULL OR procedure_code = \(procedure))
            """, logger: logger).decode(UUID.self) {
            ids.append(id)
        }
        return ids
    }

    func setStatus(_ id: UUID, _ status: String, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("""
            UPDATE \(unescaped: schema).subscriptions
            SET status = \(status), consecutive_failures = 0,
                disabled_at = CASE WHEN \(status) = 'disabled' THEN now() ELSE NULL END,
                disabled_reason = CASE WHEN \(status) = 'disabled' THEN disabled_reason ELSE NULL END
            WHERE id = \(id)
            """, logger: logger)
    }

    func recordSuccess(_ id: UUID, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("""
            UPDATE \(unescaped: schema).subscriptions SET consecutive_failures = 0 WHERE id = \(id) AND consecutive_failures <> 0
            """, logger: logger)
    }

    /// Counts a failed attempt; disables the subscription when `limit` attempts in a row failed.
    /// Returns the record when this call disabled it.
    func recordFailure(_ id: UUID, limit: Int, reason: String, on connection: PostgresConnection, logger: Logger) async throws -> SubscriptionRecord? {
        try await records(try await connection.query("""
            UPDATE \(unescaped: schema).subscriptions
            SET consecutive_failures = consecutive_failures + 1,
                status = CASE WHEN consecutive_failures + 1 >= \(limit) THEN 'disabled' ELSE status END,
                disabled_at = CASE WHEN consecutive_failures + 1 >= \(limit) THEN now() ELSE disabled_at END,
                disabled_reason = CASE WHEN consecutive_failures + 1 >= \(limit) THEN \(reason) ELSE disabled_reason END
            WHERE id = \(id) AND status = 'active'
            RETURNING \(unescaped: columns)
            """, logger: logger)).first { $0.status == "disabled" }
    }

    /// Seals every stored secret not yet sealed under the current data key: those written in the
    /// clear before sealing existed, and those of a rotated-out data key (deleted subscriptions
    /// too: their jobs may be replayed). Run at start-up, before serving: the data key is in the
    /// service's environment only, so no SQL migration can do it. Idempotent; instances starting
    /// together take turns on the rows' locks. Returns how many it sealed.
    @discardableResult
    func sealStoredSecrets(on connection: PostgresConnection, logger: Logger) async throws -> Int {
        var updates: [(id: UUID, sealed: String)] = []
        for try await (id, stored) in try await connection.query(
            "SELECT id, secret FROM \(unescaped: schema).subscriptions ORDER BY id FOR UPDATE", logger: logger
        ).decode((UUID, String).self) {
            if let sealed = try sealer.resealed(stored, context: Self.context(id)) { updates.append((id, sealed)) }
        }
        for update in updates {
            try await connection.query("UPDATE \(unescaped: schema).subscriptions SET secret = \(update.sealed) WHERE id = \(update.id)",
                                       logger: logger)
        }
        return updates.count
    }

    /// The associated data of a secret's seal: its column and row.
    static func context(_ id: UUID) -> String { "integration.subscriptions.secret/\(id.uuidString.lowercased())" }

    /// The stored secret, opened. A `whsec_` value in the clear was written by a version older than
    /// sealing (an instance still running during an upgrade); it is used as it is and sealed at the
    /// next start.
    private func secret(_ stored: String, of id: UUID) throws -> String {
        if !AtRestSealer.isSealed(stored) && stored.hasPrefix(WebhookSignature.prefix) { return stored }
        return try sealer.openString(stored, context: Self.context(id))
    }

    private func records(_ rows: PostgresRowSequence) async throws -> [SubscriptionRecord] {
        var stored: [SubscriptionRecord] = []
        for try await (id, owner, url, events, agency, procedure, secret, status, created, disabledAt, reason) in rows.decode(
            (UUID, String, String, [String], String?, String?, String, String, Date, Date?, String?).self) {
            stored.append(SubscriptionRecord(id: id, ownerId: owner, url: url, events: events, agency: agency, procedure: procedure,
                                             secret: secret, status: status, createdAt: created, disabledAt: disabledAt,
                                             disabledReason: reason))
        }
        return try stored.map { record in
            SubscriptionRecord(id: record.id, ownerId: record.ownerId, url: record.url, events: record.events, agency: record.agency,
                               procedure: record.procedure, secret: try secret(record.secret, of: record.id), status: record.status,
                               createdAt: record.createdAt, disabledAt: record.disabledAt, disabledReason: record.disabledReason)
        }
    }
}
