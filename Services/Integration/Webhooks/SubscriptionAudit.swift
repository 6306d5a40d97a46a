import Foundation
import Logging
import PostgresNIO
import ServiceKit

/// Integration's own audit trail, `integration.audit_log`: every change of a webhook subscription
/// (created, deleted, enabled again, disabled after failing deliveries) with who, when and what
/// changed, in a keyed, append-only `AuditChain` of integration's schema — no service writes
/// another's. Never the subscription's secret.
struct SubscriptionAudit: Sendable {
    static let table = "integration.audit_log"
    let chain: AuditChain

    init(environment: ServiceEnvironment) {
        chain = AuditChain(table: Self.table, environment: environment)
    }

    /// Records `action` on `subscription` by `actor` ("system" for integration itself), in the
    /// caller's transaction; `change` says what changed.
    func record(_ action: String, subscription: SubscriptionRecord, actor: String, change: String,
                on connection: PostgresConnection, logger: Logger) async throws {
        let fields: [(String, String)] = [
            ("change", change), ("owner", subscription.ownerId), ("url", subscription.url),
            ("events", subscription.events.joined(separator: ",")),
            ("filter", "agency=\(subscription.agency ?? "*"),procedure=\(subscription.procedure ?? "*")"),
        ]
        try await chain.append(actor: actor, action: "subscription.\(action)", subject: subscription.id.uuidString.lowercased(),
                               detail: fields.map { "\($0.0)=\($0.1)" }.joined(separator: "; "), on: connection, logger: logger)
    }
}
