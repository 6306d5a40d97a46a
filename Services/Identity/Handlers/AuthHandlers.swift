import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO
import ServiceKit

/// `identity.token`, `identity.refresh`, `identity.logout`, `identity.jwks`, `identity.me` and
/// `identity.session-active`.
struct AuthHandlers: Sendable {
    let runtime: ServiceRuntime
    let hasher: Argon2Hasher
    let throttle: LoginThrottle
    let sessions: SessionStore
    let issuer: TokenIssuer
    let users = UserStore()
    let audit = SecurityAudit()
    /// Verified against when the username is unknown, so both paths cost one Argon2 verification.
    let decoyHash: String

    static let invalidCredentials = Problem(status: 401, title: "Invalid credentials",
                                            detail: "The username or password is wrong.")

    func token(_ credentials: Credentials, context: RPCContext) async throws -> TokenGrant {
        let username = credentials.username.trimmingWhitespace.lowercased()
        guard !username.isEmpty, username.count <= 100, !credentials.password.isEmpty, credentials.password.count <= 1024 else {
            throw Self.invalidCredentials
        }
        let address = LoginThrottle.addressKey(credentials.clientAddress)
        let logger = context.logger
        let user = try await runtime.database.withConnection { connection in
            try await users.find(username: username, on: connection, logger: logger)
        }
        // Always one verification, whether or not the user exists or is locked: equal timing.
        let matches = try await hasher.verify(credentials.password, against: user?.passwordHash ?? decoyHash)
        let grantAllowed = credentials.clientCredentials != true || user?.kind == "partner"
        let succeeded = matches && user.map { !$0.disabled && !$0.pendingVerification } == true && grantAllowed
        let now = Date()
        // The lock is checked and the attempt recorded in one transaction under the counters' row
        // lock, after the verification: parallel guesses are decided one after the other.
        let outcome: (SignInLockout.Verdict, (UUID, String)?) = try await runtime.database.transaction(logger: logger) { connection in
            let decision = try await throttle.record(username, address: address, succeeded: succeeded, now: now,
                                                     on: connection, logger: logger)
            switch decision.verdict {
            case .locked:
                return (decision.verdict, nil)
            case .signedIn:
                guard let user else { throw Problem.internalError }
                try await audit.append(actor: username, action: "login.succeeded", subject: user.id.uuidString.lowercased(),
                                       detail: credentials.clientCredentials == true ? "client credentials" : "password",
                                       on: connection, logger: logger)
                return (decision.verdict, try await sessions.open(user: user.id, now: now, on: connection, logger: logger))
            case .failed, .lockedNow:
                try await audit.append(actor: username, action: "login.failed", subject: user?.id.uuidString.lowercased(),
                                       detail: user?.disabled == true ? "disabled" : matches && user?.pendingVerification == true ? "e-mail not verified" : grantAllowed ? "bad credentials" : "client credentials for a non-partner",
                                       on: connection, logger: logger)
                if case .lockedNow(_, false) = decision.verdict {
                    try await audit.append(actor: "system", action: "login.locked", subject: username,
                                           detail: "too many failures from \(address)", on: connection, logger: logger)
                }
                if decision.lockedUser {
                    try await audit.append(actor: "system", action: "login.locked", subject: username,
                                           detail: "too many failures from all addresses", on: connection, logger: logger)
                }
                return (decision.verdict, nil)
            }
        }
        if Int.random(in: 0..<200) == 0 { pruneCounters(now: now, logger: logger) }
        switch outcome {
        case (.signedIn, let (session, refresh)?):
            guard let user else { throw Problem.internalError }
            return try await grant(user: user, session: session, refreshToken: refresh, now: now)
        case (.locked(let until), _), (.lockedNow(let until, _), _):
            throw locked(until: until, now: now)
        default:
            // Only someone who knows the password learns that the address still waits for verification.
            if matches, let user, user.pendingVerification, !user.disabled { throw Self.notVerified }
            throw Self.invalidCredentials
        }
    }

    static let notVerified = Problem(status: 403, title: "E-mail address not verified",
                                     detail: "Open the link in the verification mail before signing in.")

    /// Now and then, in the background: counters of names and addresses not seen for long.
    private func pruneCounters(now: Date, logger: Logger) {
        let database = runtime.database
        let throttle = throttle
        Task {
            do {
                try await database.withConnection { connection in try await throttle.prune(now: now, on: connection, logger: logger) }
            } catch {
                logger.warning("pruning sign-in counters failed", metadata: ["error": "\(String(reflecting: error))"])
            }
        }
    }

    func refresh(_ request: RefreshRequest, context: RPCContext) async throws -> TokenGrant {
        let logger = context.logger
        let now = Date()
        let outcome = try await runtime.database.transaction(logger: logger) { connection in
            let outcome = try await sessions.rotate(request.refreshToken, now: now, on: connection, logger: logger)
            if case .reused(let user) = outcome {
                try await audit.append(actor: "system", action: "session.revoked", subject: user.uuidString.lowercased(),
                                       detail: "refresh token reused", on: connection, logger: logger)
            }
            return outcome
        }
        guard case .rotated(let userID, let session, let next) = outcome else {
            throw Problem(status: 401, title: "Invalid refresh token", detail: "Log in again.")
        }
        let user = try await runtime.database.withConnection { connection in
            try await users.find(id: userID, on: connection, logger: logger)
        }
        guard let user, !user.disabled else { throw Problem(status: 401, title: "Invalid refresh token", detail: "Log in again.") }
        return try await grant(user: user, session: session, refreshToken: next, now: now)
    }

    func logout(_ request: RefreshRequest, context: RPCContext) async throws -> Empty {
        let logger = context.logger
        try await runtime.database.transaction(logger: logger) { connection in
            guard let (session, user) = try await sessions.session(of: request.refreshToken, on: connection, logger: logger) else { return }
            try await sessions.revoke(session: session, reason: "logout", now: Date(), on: connection, logger: logger)
            try await audit.append(actor: user.uuidString.lowercased(), action: "logout", subject: session.uuidString.lowercased(),
                                   detail: "", on: connection, logger: logger)
        }
        return Empty()
    }

    func sessionActive(_ query: SessionQuery, context: RPCContext) async throws -> SessionState {
        guard let session = UUID(uuidString: query.sessionId) else { return SessionState(active: false) }
        return SessionState(active: try await runtime.database.withConnection { connection in
            try await sessions.isActive(session: session, on: connection, logger: context.logger)
        })
    }

    func me(_ request: Empty, context: RPCContext) async throws -> Me {
        guard let id = context.caller.userId.flatMap(UUID.init(uuidString:)) else {
            throw Problem.authenticationRequired
        }
        let user = try await runtime.database.withConnection { connection in
            try await users.find(id: id, on: connection, logger: context.logger)
        }
        guard let user else { throw Problem.notFound("No such user.") }
        return Me(id: id.uuidString.lowercased(), username: user.username, displayName: user.displayName, kind: user.kind,
                  roles: user.roles)
    }

    private func grant(user: UserRecord, session: UUID, refreshToken: String, now: Date) async throws -> TokenGrant {
        let claims = AccessTokenClaims(subject: user.id.uuidString.lowercased(), session: session.uuidString.lowercased(),
                                       name: user.displayName, kind: user.kind, roles: user.roleClaims,
                                       issuedAt: now, lifetime: issuer.accessLifetime)
        return TokenGrant(accessToken: try await issuer.sign(claims), expiresIn: Int(issuer.accessLifetime),
                          refreshToken: refreshToken)
    }

    private func locked(until: Date, now: Date) -> Problem {
        let seconds = max(1, Int(until.timeIntervalSince(now).rounded(.up)))
        return Problem(status: 423, title: "Account temporarily locked",
                       detail: "Too many failed logins. Try again in \(seconds) seconds.", retryAfter: seconds)
    }
}
