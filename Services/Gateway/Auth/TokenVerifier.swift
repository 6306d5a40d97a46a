import Contracts
import Foundation
import JWTKit
import Logging
import ServiceKit

/// Verifies access tokens locally with the keys identity publishes (JWKS), and asks identity —
/// at most every `sessionCheckInterval` per session — whether the token's session is still
/// active, so a logout or a disabled account cuts access within that interval.
actor TokenVerifier {
    let backend: Backend
    let logger: Logger
    let sessionCheckInterval: TimeInterval
    /// The JWKS is fetched again on an unknown `kid`, but not more often than this (a flood of
    /// forged tokens must not become a flood of RPCs).
    let minimumKeyReload: TimeInterval
    private var keys = JWTKeyCollection()
    private var knownKeyIDs: Set<String> = []
    private var keysLoadedAt = Date.distantPast
    private var sessionChecks: [String: (active: Bool, at: Date)] = [:]

    init(backend: Backend, logger: Logger, sessionCheckInterval: TimeInterval = 15, minimumKeyReload: TimeInterval = 10) {
        self.backend = backend
        self.logger = logger
        self.sessionCheckInterval = sessionCheckInterval
        self.minimumKeyReload = minimumKeyReload
    }

    /// The caller behind `token`, or a 401 problem.
    func caller(for token: String, requestID: String) async throws -> Caller {
        let claims = try await verify(token, requestID: requestID)
        guard try await sessionIsActive(claims.sid, requestID: requestID) else {
            throw Self.invalid("The session of this token has ended.")
        }
        let assignments = claims.roles.compactMap { pair -> RoleAssignment? in
            let parts = pair.split(separator: "@", maxSplits: 1)
            return parts.count == 2 ? RoleAssignment(role: String(parts[0]), orgUnit: String(parts[1])) : nil
        }
        return Caller(userId: claims.sub.value, kind: claims.kind, assignments: assignments)
    }

    private func verify(_ token: String, requestID: String) async throws -> AccessTokenClaims {
        let stale = Date().timeIntervalSince(keysLoadedAt)
        if keysLoadedAt == .distantPast || stale > 300 {
            try await reloadKeys(requestID: requestID)
        } else if let kid = Self.keyID(of: token), !knownKeyIDs.contains(kid), stale >= minimumKeyReload {
            // A key rotated in since we last looked: fetch the JWKS once more.
            try await reloadKeys(requestID: requestID)
        }
        // Only the published keys count: jwt-kit would otherwise try its default key for an unknown kid.
        guard let kid = Self.keyID(of: token), knownKeyIDs.contains(kid) else {
            throw Self.invalid("The access token is invalid or expired.")
        }
        do {
            return try await keys.verify(token, as: AccessTokenClaims.self)
        } catch {
            throw Self.invalid("The access token is invalid or expired.")
        }
    }

    /// The `kid` of a token's (unverified) header.
    static func keyID(of token: String) -> String? {
        guard let header = token.split(separator: ".", omittingEmptySubsequences: false).first else { return nil }
        var base64 = header.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        return object["kid"] as? String
    }

    private func reloadKeys(requestID: String) async throws {
        let jwks = try await backend.call(.identity, "jwks", Empty(), as: String.self, requestID: requestID)
        let fresh = JWTKeyCollection()
        try await fresh.add(jwksJSON: jwks)
        let published = (try? JSONSerialization.jsonObject(with: Data(jwks.utf8)) as? [String: Any])?["keys"] as? [[String: Any]] ?? []
        knownKeyIDs = Set(published.compactMap { $0["kid"] as? String })
        keys = fresh
        keysLoadedAt = Date()
    }

    private func sessionIsActive(_ session: String, requestID: String) async throws -> Bool {
        let now = Date()
        if let check = sessionChecks[session], now.timeIntervalSince(check.at) < sessionCheckInterval { return check.active }
        let state = try await backend.call(.identity, "session-active", SessionQuery(sessionId: session), as: SessionState.self,
                                           requestID: requestID)
        if sessionChecks.count > 100_000 { sessionChecks.removeAll() }
        sessionChecks[session] = (state.active, now)
        return state.active
    }

    static func invalid(_ detail: String) -> Problem {
        Problem(status: 401, title: "Invalid token", detail: detail)
    }
}
