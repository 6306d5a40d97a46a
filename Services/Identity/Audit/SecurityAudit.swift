import Foundation
import Logging
import PostgresNIO
import Storage
import ServiceKit

/// The security audit log: append-only (a trigger refuses updates and deletes) and
/// tamper-evident — each entry's SHA-256 covers its content and the previous entry's hash, so an
/// edit made behind the application's back (even by a superuser who drops the trigger) breaks
/// the chain at that entry.
struct SecurityAudit: Sendable {
    static let genesis = String(repeating: "0", count: 64)

    /// Appends an entry in the caller's transaction. A transaction-scoped advisory lock orders
    /// concurrent appends so each sees the true previous hash.
    func append(actor: String, action: String, subject: String?, detail: String, at: Date = Date(),
                on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.run("SELECT pg_advisory_xact_lock(hashtext('identity.security_audit'))", logger: logger)
        var previous = Self.genesis
        for try await hash in try await connection.query(
            "SELECT hash FROM identity.security_audit ORDER BY seq DESC LIMIT 1", logger: logger).decode(String.self) {
            previous = hash
        }
        let moment = Self.canonicalTime(at)
        let hash = Self.hash(previous: previous, at: moment, actor: actor, action: action, subject: subject, detail: detail)
        try await connection.query("""
            INSERT INTO identity.security_audit (at, actor, action, subject, detail, prev_hash, hash)
            VALUES (\(moment)::timestamptz, \(actor), \(action), \(subject), \(detail), \(previous), \(hash))
            """, logger: logger)
    }

    /// Walks the whole chain; returns the sequence number of the first broken entry, or nil.
    func firstBrokenEntry(on connection: PostgresConnection, logger: Logger) async throws -> Int64? {
        var previous = Self.genesis
        for try await (seq, at, actor, action, subject, detail, prev, hash) in try await connection.query("""
            SELECT seq, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), actor, action, subject, detail, prev_hash, hash
            FROM identity.security_audit ORDER BY seq
            """, logger: logger).decode((Int64, String, String, String, String?, String, String, String).self) {
            let expected = Self.hash(previous: previous, at: at, actor: actor, action: action, subject: subject, detail: detail)
            guard prev == previous, hash == expected else { return seq }
            previous = hash
        }
        return nil
    }

    /// Microsecond UTC text, exactly as PostgreSQL gives it back.
    static func canonicalTime(_ date: Date) -> String {
        let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        let seconds = Date(timeIntervalSince1970: TimeInterval(micros / 1_000_000))
        let style = Date.ISO8601FormatStyle(timeZone: TimeZone(secondsFromGMT: 0)!)
        let base = seconds.formatted(style).dropLast()  // drop "Z"
        return base + "." + String(format: "%06lld", micros % 1_000_000) + "Z"
    }

    static func hash(previous: String, at: String, actor: String, action: String, subject: String?, detail: String) -> String {
        let fields = [previous, at, actor, action, subject ?? "", detail]
        let canonical = fields.map { "\($0.utf8.count):\($0)" }.joined(separator: "|")
        return SHA256Hex.of(canonical)
    }
}
