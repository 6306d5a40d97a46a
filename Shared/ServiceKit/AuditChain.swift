import Crypto
import Foundation
import Logging
import PostgresNIO
import Storage

/// An append-only, keyed audit trail in a table of the service's own schema (identity's security
/// audit, documents' and integration's audit logs). Each entry stores an HMAC-SHA256, under
/// `ONEGATE_AUDIT_KEY`, of its content, its table and the previous entry's MAC: whoever can write
/// the table but does not hold the key (a database owner who drops the triggers, a restored dump)
/// cannot add, change, remove or reorder an entry without `firstBrokenEntry` naming it.
///
/// The table has the columns `seq bigserial, at timestamptz, actor, action, subject, detail,
/// prev_hash, hash` (the two last hold MACs) and triggers refusing UPDATE, DELETE and TRUNCATE.
public struct AuditChain: Sendable {
    /// The environment variable of the key.
    public static let keyVariable = "ONEGATE_AUDIT_KEY"
    /// The well-known key of the `dev` and `test` profiles (never accepted elsewhere).
    public static let developmentKey = "onegate-dev-audit-key-not-secret"
    /// The `prev_hash` of the first entry.
    public static let genesis = String(repeating: "0", count: 64)

    /// `schema.table`.
    public let table: String
    private let key: SymmetricKey

    public init(table: String, key: SymmetricKey) {
        self.table = table
        self.key = key
    }

    /// The chain of `table` under `ONEGATE_AUDIT_KEY` (or `…_FILE`); the development key only in
    /// the `dev`/`test` profiles. Elsewhere a missing key ends the process (exit 78) naming it.
    public init(table: String, environment: ServiceEnvironment) {
        let secret = environment.requiredSecretOrExit(Self.keyVariable, developmentDefault: Self.developmentKey)
        self.init(table: table, key: SymmetricKey(data: Data(secret.utf8)))
    }

    /// Appends an entry in the caller's transaction. A transaction-scoped advisory lock orders
    /// concurrent appends so each sees the true previous MAC.
    public func append(actor: String, action: String, subject: String?, detail: String, at: Date = Date(),
                       on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.run("SELECT pg_advisory_xact_lock(hashtext(\(table)))", logger: logger)
        var previous = Self.genesis
        for try await hash in try await connection.query(
            "SELECT hash FROM \(unescaped: table) ORDER BY seq DESC LIMIT 1", logger: logger).decode(String.self) {
            previous = hash
        }
        let moment = Self.canonicalTime(at)
        let mac = self.mac(previous: previous, at: moment, actor: actor, action: action, subject: subject, detail: detail)
        try await connection.query("""
            INSERT INTO \(unescaped: table) (at, actor, action, subject, detail, prev_hash, hash)
            VALUES (\(moment)::timestamptz, \(actor), \(action), \(subject), \(detail), \(previous), \(mac))
            """, logger: logger)
    }

    /// Walks the whole chain; returns the sequence number of the first entry that was altered,
    /// inserted, or follows a removed one, or nil when the chain is intact.
    public func firstBrokenEntry(on connection: PostgresConnection, logger: Logger) async throws -> Int64? {
        var previous = Self.genesis
        for try await (seq, at, actor, action, subject, detail, prev, hash) in try await connection.query("""
            SELECT seq, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), actor, action, subject, detail, prev_hash, hash
            FROM \(unescaped: table) ORDER BY seq
            """, logger: logger).decode((Int64, String, String, String, String?, String, String, String).self) {
            let expected = mac(previous: previous, at: at, actor: actor, action: action, subject: subject, detail: detail)
            guard prev == previous, Self.constantTimeEqual(hash, expected) else { return seq }
            previous = hash
        }
        return nil
    }

    /// The entries, newest first, for an administrator's reading.
    public func entries(limit: Int, on connection: PostgresConnection, logger: Logger) async throws -> [AuditEntry] {
        var entries: [AuditEntry] = []
        for try await (seq, at, actor, action, subject, detail) in try await connection.query("""
            SELECT seq, at, actor, action, subject, detail FROM \(unescaped: table) ORDER BY seq DESC LIMIT \(limit)
            """, logger: logger).decode((Int64, Date, String, String, String?, String).self) {
            entries.append(AuditEntry(seq: seq, at: at, actor: actor, action: action, subject: subject, detail: detail))
        }
        return entries
    }

    /// Lower-case hexadecimal HMAC-SHA256 of the length-prefixed fields, the table's name first
    /// (an entry copied into another service's trail does not verify there).
    public func mac(previous: String, at: String, actor: String, action: String, subject: String?, detail: String) -> String {
        let fields = [table, previous, at, actor, action, subject ?? "", detail]
        let canonical = fields.map { "\($0.utf8.count):\($0)" }.joined(separator: "|")
        return HMAC<SHA256>.authenticationCode(for: Data(canonical.utf8), using: key).map { String(format: "%02x", $0) }.joined()
    }

    /// Microsecond UTC text, exactly as PostgreSQL gives it back.
    public static func canonicalTime(_ date: Date) -> String {
        let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        let seconds = Date(timeIntervalSince1970: TimeInterval(micros / 1_000_000))
        let style = Date.ISO8601FormatStyle(timeZone: TimeZone(secondsFromGMT: 0)!)
        let base = seconds.formatted(style).dropLast()  // drop "Z"
        return base + "." + String(format: "%06lld", micros % 1_000_000) + "Z"
    }

    private static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let (x, y) = (Array(a.utf8), Array(b.utf8))
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// One entry of an audit trail.
public struct AuditEntry: Sendable, Equatable {
    public let seq: Int64
    public let at: Date
    public let actor: String
    public let action: String
    public let subject: String?
    public let detail: String
}
