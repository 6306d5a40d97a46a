import Domain
import Foundation
import Logging
import PostgresNIO

/// One-time tokens sent by e-mail (verification, password reset). Only SHA-256 hashes are
/// stored; a token is used at most once, under its row lock.
struct AccountTokenStore: Sendable {
    enum Purpose: String, Sendable {
        case verifyEmail = "verify-email"
        case resetPassword = "reset-password"
    }

    /// A new token for `user`; earlier unused tokens of the same purpose stop working.
    func issue(_ purpose: Purpose, user: UUID, lifetime: TimeInterval, now: Date,
               on connection: PostgresConnection, logger: Logger) async throws -> String {
        try await connection.query("""
            UPDATE identity.account_tokens SET used_at = \(now)
            WHERE user_id = \(user) AND purpose = \(purpose.rawValue) AND used_at IS NULL
            """, logger: logger)
        let token = SessionStore.newToken()
        try await connection.query("""
            INSERT INTO identity.account_tokens (token_hash, user_id, purpose, created_at, expires_at)
            VALUES (\(SessionStore.digest(token)), \(user), \(purpose.rawValue), \(now), \(now.addingTimeInterval(lifetime)))
            """, logger: logger)
        return token
    }

    /// Uses the token: its user when it was valid (and is now used), else the verdict why not.
    func use(_ token: String, _ purpose: Purpose, now: Date,
             on connection: PostgresConnection, logger: Logger) async throws -> Result<UUID, Refusal> {
        var found: (UUID, Date, Date?)?
        if token.count <= 100 {
            for try await row in try await connection.query("""
                SELECT user_id, expires_at, used_at FROM identity.account_tokens
                WHERE token_hash = \(SessionStore.digest(token)) AND purpose = \(purpose.rawValue) FOR UPDATE
                """, logger: logger).decode((UUID, Date, Date?).self) {
                found = row
            }
        }
        let verdict = OneTimeTokenRule.verdict(found: found != nil, usedAt: found?.2, expiresAt: found?.1, now: now)
        guard verdict == .valid, let user = found?.0 else { return .failure(Refusal(verdict: verdict)) }
        try await connection.query("""
            UPDATE identity.account_tokens SET used_at = \(now) WHERE token_hash = \(SessionStore.digest(token))
            """, logger: logger)
        return .success(user)
    }

    struct Refusal: Error, Sendable {
        let verdict: OneTimeTokenVerdict
    }
}
