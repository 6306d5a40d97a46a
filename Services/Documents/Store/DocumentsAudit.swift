import ServiceKit

/// Documents' own audit trail, `documents.audit_log` (legal holds placed and lifted): a keyed,
/// append-only `AuditChain` in documents' schema — no service writes another's.
enum DocumentsAudit {
    static let table = "documents.audit_log"

    static func chain(_ environment: ServiceEnvironment) -> AuditChain {
        AuditChain(table: table, environment: environment)
    }
}
