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
    private var keys = JWTKeyCollection()
    private var keysLoadedAt = Date.distantPast
    private var sessionChecks: [String: (active: Bool, at: Date)] = [:]

    init(backend: Backend, logger: Logger, sessionCheckInterval: TimeInterval = 15) {
        self.backend = backend
        self.logger = logger
        self.sessionCheckInterval = sessionCheckInterval
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
        if keysLoadedAt == .distantPast || Date().timeIntervalSince(keysLoadedAt) > 300 {
            try await reloadKeys(requestID: requestID)
        }
        do {
            return try await keys.verify(token, as: AccessTokenClaims.self)
        } catch let error as JWTError where error.errorType == .unknownKID && Date().timeIntervalSince(keysLoadedAt) > 10 {
            // A key rotated in since we last looked: fetch the JWKS once more.
            try await reloadKeys(requestID: requestID)
            return try await verifyOrReject(token)
        } catch {
            throw Self.invalid("The access token is invalid or expired.")
        }
    }

    private func verifyOrReject(_ token: String) async throws -> AccessTokenClaims {
        do {
            return try await keys.verify(token, as: AccessTokenClaims.self)
        } catch {
            throw Self.invalid("The access token is invalid or expired.")
        }
    }

    private func reloadKeys(requestID: String) async throws {
        let jwks = try await backend.call(.identity, "jwks", Empty(), as: String.self, requestID: requestID)
        let fresh = JWTKeyCollection()
        try await fresh.add(jwksJSON: jwks)
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
