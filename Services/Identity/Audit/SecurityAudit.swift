import Foundation
import Logging
import PostgresNIO
import ServiceKit

/// The security audit log, `identity.security_audit`: append-only (triggers refuse UPDATE,
/// DELETE and TRUNCATE) and keyed (`AuditChain`: each entry's HMAC under `ONEGATE_AUDIT_KEY`
/// covers its content and the previous entry's MAC, so an edit made behind the application's back,
/// even by a database owner who drops the triggers and recomputes the chain, breaks it there).
struct SecurityAudit: Sendable {
    static let table = "identity.security_audit"
    let chain: AuditChain

    /// The chain under the process environment's key (a missing key outside dev/test ends the
    /// process at start, naming `ONEGATE_AUDIT_KEY`).
    init(environment: ServiceEnvironment = ServiceEnvironment()) {
        chain = AuditChain(table: Self.table, environment: environment)
    }

    /// Appends an entry in the caller's transaction.
    func append(actor: String, action: String, subject: String?, detail: String, at: Date = Date(),
                on connection: PostgresConnection, logger: Logger) async throws {
        try await chain.append(actor: actor, action: action, subject: subject, detail: detail, at: at, on: connection, logger: logger)
    }
}
