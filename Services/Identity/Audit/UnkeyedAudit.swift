import Foundation
import Logging
import PostgresNIO
import ServiceKit

/// The security audit entries written before the chain was keyed (migration 0003), frozen in
/// `identity.security_audit_unkeyed`: each entry's SHA-256 covers its content and the previous
/// entry's hash. Only checked; nothing is added to them.
struct UnkeyedAudit: Sendable {
    enum Outcome: Equatable {
        case intact(count: Int)
        case broken(seq: Int64)
    }

    func check(on connection: PostgresConnection, logger: Logger) async throws -> Outcome {
        var previous = AuditChain.genesis
        var count = 0
        for try await (seq, at, actor, action, subject, detail, prev, hash) in try await connection.query("""
            SELECT seq, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), actor, action, subject, detail, prev_hash, hash
            FROM identity.security_audit_unkeyed ORDER BY seq
            """, logger: logger).decode((Int64, String, String, String, String?, String, String, String).self) {
            let fields = [previous, at, actor, action, subject ?? "", detail]
            let expected = SHA256Hex.of(fields.map { "\($0.utf8.count):\($0)" }.joined(separator: "|"))
            guard prev == previous, hash == expected else { return .broken(seq: seq) }
            previous = hash
            count += 1
        }
        return .intact(count: count)
    }
}
