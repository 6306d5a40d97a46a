import Foundation
import Logging
import PostgresNIO

/// Counts consecutive failed logins per normalised username — existing or not, so the answer
/// never tells whether an account exists — and locks the name for a while after too many.
struct LoginThrottle: Sendable {
    let maximumFailures: Int
    let lockout: TimeInterval

    /// When the name is locked, until when.
    func lockedUntil(_ username: String, now: Date, on connection: PostgresConnection, logger: Logger) async throws -> Date? {
        for try await until in try await connection.query("""
            SELECT locked_until FROM identity.login_failures WHERE username = \(username) AND locked_until > \(now)
            """, logger: logger).decode(Date.self) {
            return until
        }
        return nil
    }

    /// Records a failure; returns the lock's end when this failure locked the name.
    func recordFailure(_ username: String, now: Date, on connection: PostgresConnection, logger: Logger) async throws -> Date? {
        let lockUntil = now.addingTimeInterval(lockout)
        let rows = try await connection.query("""
            INSERT INTO identity.login_failures AS f (username, failures, locked_until, last_failure_at)
            VALUES (\(username), 1, NULL, \(now))
            ON CONFLICT (username) DO UPDATE SET
                failures = CASE WHEN f.locked_until IS NOT NULL AND f.locked_until <= \(now) THEN 1 ELSE f.failures + 1 END,
                locked_until = CASE
                    WHEN f.locked_until IS NOT NULL AND f.locked_until <= \(now) THEN NULL
                    WHEN f.failures + 1 >= \(maximumFailures) THEN \(lockUntil)
                    ELSE f.locked_until END,
                last_failure_at = \(now)
            RETURNING locked_until
            """, logger: logger)
        for try await until in rows.decode(Date?.self) { return until }
        return nil
    }

    func recordSuccess(_ username: String, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("DELETE FROM identity.login_failures WHERE username = \(username)", logger: logger)
    }
}
