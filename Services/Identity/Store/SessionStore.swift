import Foundation
import Logging
import PostgresNIO
import ServiceKit

/// Sessions and their rotating refresh tokens. Only SHA-256 hashes of refresh tokens are stored.
struct SessionStore: Sendable {
    let refreshLifetime: TimeInterval

    enum RefreshOutcome: Sendable {
        case rotated(userID: UUID, sessionID: UUID, newToken: String)
        /// Unknown, expired, or the session is revoked.
        case invalid
        /// A token that was already used came back: someone holds a copy; the session is revoked.
        case reused(userID: UUID)
    }

    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func digest(_ token: String) -> String {
        SHA256Hex.of(token)
    }

    /// Opens a session for `user`; returns its id and first refresh token.
    func open(user: UUID, now: Date, on connection: PostgresConnection, logger: Logger) async throws -> (UUID, String) {
        let session = UUID()
        try await connection.query("INSERT INTO identity.sessions (id, user_id, created_at) VALUES (\(session), \(user), \(now))",
                                   logger: logger)
        let token = try await issue(session: session, user: user, now: now, on: connection, logger: logger)
        return (session, token)
    }

    private func issue(session: UUID, user: UUID, now: Date, on connection: PostgresConnection, logger: Logger) async throws -> String {
        let token = Self.newToken()
        try await connection.query("""
            INSERT INTO identity.refresh_tokens (token_hash, family_id, user_id, issued_at, expires_at)
            VALUES (\(Self.digest(token)), \(session), \(user), \(now), \(now.addingTimeInterval(refreshLifetime)))
            """, logger: logger)
        return token
    }

    /// Uses a refresh token once; the row lock makes two concurrent uses of one token impossible.
    func rotate(_ token: String, now: Date, on connection: PostgresConnection, logger: Logger) async throws -> RefreshOutcome {
        var found: (UUID, UUID, Date, Date?, Date?)?
        for try await row in try await connection.query("""
            SELECT t.family_id, t.user_id, t.expires_at, t.used_at, s.revoked_at
            FROM identity.refresh_tokens t JOIN identity.sessions s ON s.id = t.family_id
            WHERE t.token_hash = \(Self.digest(token)) FOR UPDATE OF t
            """, logger: logger).decode((UUID, UUID, Date, Date?, Date?).self) {
            found = row
        }
        guard let (session, user, expires, used, revoked) = found, revoked == nil, expires > now else { return .invalid }
        if used != nil {
            try await revoke(session: session, reason: "refresh token reused", now: now, on: connection, logger: logger)
            return .reused(userID: user)
        }
        try await connection.query("UPDATE identity.refresh_tokens SET used_at = \(now) WHERE token_hash = \(Self.digest(token))",
                                   logger: logger)
        let next = try await issue(session: session, user: user, now: now, on: connection, logger: logger)
        return .rotated(userID: user, sessionID: session, newToken: next)
    }

    /// The session a refresh token belongs to, if any.
    func session(of token: String, on connection: PostgresConnection, logger: Logger) async throws -> (session: UUID, user: UUID)? {
        for try await row in try await connection.query("""
            SELECT family_id, user_id FROM identity.refresh_tokens WHERE token_hash = \(Self.digest(token))
            """, logger: logger).decode((UUID, UUID).self) {
            return row
        }
        return nil
    }

    func revoke(session: UUID, reason: String, now: Date, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("""
            UPDATE identity.sessions SET revoked_at = \(now), revoked_reason = \(reason) WHERE id = \(session) AND revoked_at IS NULL
            """, logger: logger)
    }

    func isActive(session: UUID, on connection: PostgresConnection, logger: Logger) async throws -> Bool {
        for try await _ in try await connection.query("""
            SELECT 1 FROM identity.sessions s JOIN identity.users u ON u.id = s.user_id
            WHERE s.id = \(session) AND s.revoked_at IS NULL AND NOT u.disabled
            """, logger: logger) {
            return true
        }
        return false
    }
}
