import Domain
import Foundation
import Logging
import PostgresNIO

/// The sign-in lockout (Domain `SignInLockout`, docs/identity.md) on `identity.login_attempts`:
/// one counter per (normalised user name, client address) and one per name (`address = '*'`),
/// kept for names that exist or not, so the answer never tells whether an account exists.
///
/// `record` runs inside the caller's transaction: it creates the two rows if needed, locks both
/// (`FOR UPDATE`, the name's row first, so concurrent attempts queue instead of deadlocking),
/// decides with the attempt's outcome, and writes the counters back. Checking and recording are
/// therefore one atomic step: parallel guesses are counted one after the other, and every guess
/// after the lock is answered 423 whatever the password.
struct LoginThrottle: Sendable {
    static let allAddresses = "*"
    let rule: SignInLockout

    /// The address's key: the gateway's client address, or `-` when none was passed (an internal caller).
    static func addressKey(_ address: String?) -> String {
        guard let address, !address.isEmpty, address != allAddresses else { return "-" }
        return String(address.prefix(64))
    }

    func record(_ username: String, address: String, succeeded: Bool, now: Date, on connection: PostgresConnection,
                logger: Logger) async throws -> SignInLockout.Decision {
        let all = Self.allAddresses
        try await connection.query("""
            INSERT INTO identity.login_attempts (username, address, updated_at)
            VALUES (\(username), \(all), \(now)), (\(username), \(address), \(now))
            ON CONFLICT (username, address) DO NOTHING
            """, logger: logger)
        var pair = SignInLockout.Counter()
        var user = SignInLockout.Counter()
        let rows = try await connection.query("""
            SELECT address, failures, locked_until, last_success_at FROM identity.login_attempts
            WHERE username = \(username) AND address IN (\(all), \(address))
            ORDER BY address = \(all) DESC
            FOR UPDATE
            """, logger: logger)
        for try await (key, failures, lockedUntil, lastSuccess) in rows.decode((String, Int, Date?, Date?).self) {
            let counter = SignInLockout.Counter(failures: failures, lockedUntil: lockedUntil, lastSuccessAt: lastSuccess)
            if key == all { user = counter } else { pair = counter }
        }
        let decision = rule.decide(pair: pair, user: user, succeeded: succeeded, now: now)
        try await connection.query("""
            UPDATE identity.login_attempts AS a SET failures = v.failures, locked_until = v.locked_until,
                last_success_at = v.last_success_at, updated_at = \(now)
            FROM (VALUES (\(all), \(decision.user.failures)::integer, \(decision.user.lockedUntil)::timestamptz,
                          \(decision.user.lastSuccessAt)::timestamptz),
                         (\(address), \(decision.pair.failures), \(decision.pair.lockedUntil), \(decision.pair.lastSuccessAt)))
                 AS v (address, failures, locked_until, last_success_at)
            WHERE a.username = \(username) AND a.address = v.address
            """, logger: logger)
        return decision
    }

    /// Forgets counters untouched for longer than the known-address memory and not locked (rows
    /// of names that never existed, addresses seen once).
    func prune(now: Date, on connection: PostgresConnection, logger: Logger) async throws {
        let before = now.addingTimeInterval(-max(rule.knownAddressMemory, rule.pairLockout, rule.userLockout))
        try await connection.query("""
            DELETE FROM identity.login_attempts
            WHERE updated_at < \(before) AND (locked_until IS NULL OR locked_until < \(now))
            """, logger: logger)
    }
}
