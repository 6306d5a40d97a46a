import Foundation
import ServiceKit

/// `identity verify-audit`: walks the keyed security audit chain (and the frozen entries written
/// before it was keyed, `identity.security_audit_unkeyed`, with their SHA-256 chain) and reports
/// whether they are intact. Exit status 0 when intact, 1 when an entry was altered (its sequence
/// number is printed).
enum AuditVerification {
    static func run() async throws -> Int32 {
        let keyed = try await AuditCommand.verify(.identity, table: SecurityAudit.table, name: "security audit")
        let legacy = try await OperatorCommand.withDatabase(of: .identity) { client, logger in
            try await client.withConnection { connection in
                try await UnkeyedAudit().check(on: connection, logger: logger)
            }
        }
        switch legacy {
        case .intact(let count) where count > 0:
            print("\(count) earlier unkeyed entries (security_audit_unkeyed) intact")
        case .intact:
            break
        case .broken(let seq):
            print("earlier unkeyed entries (security_audit_unkeyed) BROKEN at entry \(seq)")
            return 1
        }
        return keyed
    }
}
