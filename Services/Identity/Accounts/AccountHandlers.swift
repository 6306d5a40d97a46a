import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO
import ServiceKit
import Storage

/// `identity.accounts.register`, `.verify`, `.reset-request` and `.reset-confirm`: applicant
/// accounts (citizens and businesses) made by themselves. A new account waits for its e-mail
/// address to be verified before it can sign in; the mails go out through integration
/// (`integration.mail`), queued inside the transaction that issued their token, so a mail that
/// could not be queued leaves no account or token behind. Registration and reset requests answer
/// the same whether or not the address has an account.
struct AccountHandlers: Sendable {
    let runtime: ServiceRuntime
    let hasher: Argon2Hasher
    let calls: PeerCalls
    let mails: AccountMails
    let verificationLifetime: TimeInterval
    let resetLifetime: TimeInterval
    let users = UserStore()
    let tokens = AccountTokenStore()
    let audit = SecurityAudit()

    static let caller = Caller(userId: "identity", kind: "system", assignments: [RoleAssignment(role: "system", orgUnit: "SYSTEM")])
    static let publicUnit = (code: "PUBLIC", name: "Công dân và tổ chức", kind: "public")
    static let registered = AccountRequestAccepted(
        message: "If the address can be registered, a verification mail is on its way; open its link within 24 hours.")
    static let resetRequested = AccountRequestAccepted(
        message: "If an account has this address, a mail with a link to set a new password is on its way.")

    func register(_ request: AccountRegistration, context: RPCContext) async throws -> AccountRequestAccepted {
        let account = try NewAccount.validate(request.body)
        let hash = try await hasher.hash(account.password)
        let logger = context.logger
        let now = Date()
        try await runtime.database.transaction(logger: logger) { connection in
            if let existing = try await userID(email: account.email, on: connection, logger: logger) {
                try await audit.append(actor: "anonymous", action: "account.registration-repeated", subject: existing.uuidString.lowercased(),
                                       detail: "", on: connection, logger: logger)
                try await send(mails.alreadyRegistered(to: account.email), context: context)
                return
            }
            let (unit, unitChanged) = try await users.ensureOrgUnit(code: Self.publicUnit.code, name: Self.publicUnit.name,
                                                                    kind: Self.publicUnit.kind, parentCode: nil, agencyCode: nil,
                                                                    on: connection, logger: logger)
            if unitChanged { try await announceUnit(context: context, on: connection) }
            guard try await users.create(username: account.email, displayName: account.fullName, kind: "citizen", passwordHash: hash,
                                         roles: [(Role.citizen.rawValue, unit)], on: connection, logger: logger),
                  let user = try await users.find(username: account.email, on: connection, logger: logger) else {
                throw Problem.conflict("The address was registered at the same moment; try again.")
            }
            try await connection.query("""
                UPDATE identity.users SET email = \(account.email), phone = \(account.phone),
                       applicant_kind = \(account.applicantKind.rawValue), id_number = \(account.idNumber), pending_verification = true
                WHERE id = \(user.id)
                """, logger: logger)
            let token = try await tokens.issue(.verifyEmail, user: user.id, lifetime: verificationLifetime, now: now,
                                               on: connection, logger: logger)
            try await audit.append(actor: "anonymous", action: "account.registered", subject: user.id.uuidString.lowercased(),
                                   detail: "\(account.applicantKind.rawValue) \(ApplicantRules.mask(account.idNumber))",
                                   on: connection, logger: logger)
            try await announce(user, context: context, on: connection)
            try await send(mails.verification(to: account.email, name: account.fullName, token: token,
                                              hours: Int(verificationLifetime / 3600)), context: context)
        }
        runtime.relay.wake()
        return Self.registered
    }

    func verify(_ request: AccountToken, context: RPCContext) async throws -> Empty {
        let logger = context.logger
        try await runtime.database.transaction(logger: logger) { connection in
            let user = try await use(request.token, .verifyEmail, on: connection, logger: logger)
            try await connection.query("""
                UPDATE identity.users SET pending_verification = false, email_verified_at = now(), updated_at = now() WHERE id = \(user)
                """, logger: logger)
            try await audit.append(actor: user.uuidString.lowercased(), action: "account.verified", subject: user.uuidString.lowercased(),
                                   detail: "", on: connection, logger: logger)
        }
        return Empty()
    }

    func requestReset(_ request: PasswordResetRequest, context: RPCContext) async throws -> AccountRequestAccepted {
        let email = request.email.trimmingWhitespace.lowercased()
        guard ApplicantRules.isEmail(email) else {
            throw ValidationFailure([FieldError(field: "email", message: "must be an e-mail address")])
        }
        let logger = context.logger
        try await runtime.database.transaction(logger: logger) { connection in
            var found: (UUID, String, Bool)?
            for try await row in try await connection.query("""
                SELECT id, display_name, disabled FROM identity.users WHERE email = \(email)
                """, logger: logger).decode((UUID, String, Bool).self) {
                found = row
            }
            guard let (user, name, disabled) = found, !disabled else {
                try await audit.append(actor: "anonymous", action: "account.reset-requested", subject: nil,
                                       detail: "no account for the address", on: connection, logger: logger)
                return
            }
            let token = try await tokens.issue(.resetPassword, user: user, lifetime: resetLifetime, now: Date(),
                                               on: connection, logger: logger)
            try await audit.append(actor: "anonymous", action: "account.reset-requested", subject: user.uuidString.lowercased(),
                                   detail: "", on: connection, logger: logger)
            try await send(mails.passwordReset(to: email, name: name, token: token, minutes: Int(resetLifetime / 60)), context: context)
        }
        return Self.resetRequested
    }

    /// Sets the new password, revokes every session of the user (their refresh tokens stop
    /// working; access tokens within a session check), and counts as proof of the address.
    func confirmReset(_ request: PasswordResetConfirmation, context: RPCContext) async throws -> Empty {
        let logger = context.logger
        let password = request.password
        guard password.count <= 1024 else {
            throw ValidationFailure([FieldError(field: "password", message: "must be at most 1024 characters")])
        }
        let username: String? = try await runtime.database.withConnection { connection in
            for try await (username, used, expires) in try await connection.query("""
                SELECT u.username, t.used_at, t.expires_at FROM identity.account_tokens t JOIN identity.users u ON u.id = t.user_id
                WHERE t.token_hash = \(SessionStore.digest(request.token)) AND t.purpose = 'reset-password'
                """, logger: logger).decode((String, Date?, Date).self) {
                return OneTimeTokenRule.verdict(found: true, usedAt: used, expiresAt: expires, now: Date()) == .valid ? username : nil
            }
            return nil
        }
        guard let username else { throw Self.refusal(.unknown) }
        let problems = PasswordPolicy.problems(password: password, username: username)
        guard problems.isEmpty else { throw ValidationFailure(problems) }
        let hash = try await hasher.hash(password)
        let now = Date()
        try await runtime.database.transaction(logger: logger) { connection in
            let user = try await use(request.token, .resetPassword, on: connection, logger: logger)
            try await connection.query("""
                UPDATE identity.users SET password_hash = \(hash), updated_at = now(),
                       email_verified_at = CASE WHEN pending_verification THEN now() ELSE email_verified_at END,
                       pending_verification = false
                WHERE id = \(user)
                """, logger: logger)
            try await connection.query("""
                UPDATE identity.sessions SET revoked_at = \(now), revoked_reason = 'password reset'
                WHERE user_id = \(user) AND revoked_at IS NULL
                """, logger: logger)
            try await connection.query("""
                UPDATE identity.login_attempts SET failures = 0, locked_until = NULL WHERE username = \(username)
                """, logger: logger)
            try await audit.append(actor: user.uuidString.lowercased(), action: "account.password-reset", subject: user.uuidString.lowercased(),
                                   detail: "sessions revoked", on: connection, logger: logger)
        }
        return Empty()
    }

    private func use(_ token: String, _ purpose: AccountTokenStore.Purpose, on connection: PostgresConnection,
                     logger: Logger) async throws -> UUID {
        switch try await tokens.use(token, purpose, now: Date(), on: connection, logger: logger) {
        case .success(let user): return user
        case .failure(let refusal): throw Self.refusal(refusal.verdict)
        }
    }

    /// Unknown, used and expired tokens are told apart: the holder of a link learns only about that link.
    static func refusal(_ verdict: OneTimeTokenVerdict) -> Problem {
        switch verdict {
        case .used: Problem(status: 410, title: "Link already used", detail: "This link was used already; ask for a new one.")
        case .expired: Problem(status: 410, title: "Link expired", detail: "This link has expired; ask for a new one.")
        case .unknown, .valid: Problem(status: 404, title: "Unknown link", detail: "This link is not valid; ask for a new one.")
        }
    }

    private func userID(email: String, on connection: PostgresConnection, logger: Logger) async throws -> UUID? {
        for try await id in try await connection.query("""
            SELECT id FROM identity.users WHERE email = \(email) OR username = \(email)
            """, logger: logger).decode(UUID.self) {
            return id
        }
        return nil
    }

    /// Queues the mail with integration; a failure rolls the caller's transaction back.
    private func send(_ mail: MailMessage, context: RPCContext) async throws {
        do {
            _ = try await calls.call(.integration, "mail", mail, as: Empty.self, caller: Self.caller, requestID: context.requestId)
        } catch let problem as Problem where problem.status < 500 {
            context.logger.error("integration refused the mail", metadata: ["problem": "\(problem.title)"])
            throw Self.mailUnavailable
        } catch {
            context.logger.warning("mail not queued", metadata: ["error": "\(String(reflecting: error))"])
            throw Self.mailUnavailable
        }
    }

    static let mailUnavailable = Problem(status: 503, title: "Mail unavailable",
                                         detail: "The mail could not be sent just now; nothing was changed. Try again in a minute.",
                                         retryAfter: 60)

    private func announce(_ user: UserRecord, context: RPCContext, on connection: PostgresConnection) async throws {
        let view = DirectoryHandlers.view(user)
        try await runtime.outbox.enqueue([
            try OutboxMessage.event(EventName.userChanged, source: .identity, subject: view.id, sequence: nil, payload: view,
                                    correlationID: context.requestId),
        ], on: connection, logger: context.logger)
    }

    private func announceUnit(context: RPCContext, on connection: PostgresConnection) async throws {
        let view = OrgUnitView(code: Self.publicUnit.code, name: Self.publicUnit.name, kind: Self.publicUnit.kind, parentCode: nil,
                               agencyCode: nil)
        try await runtime.outbox.enqueue([
            try OutboxMessage.event(EventName.orgUnitChanged, source: .identity, subject: view.code, sequence: nil, payload: view,
                                    correlationID: context.requestId),
        ], on: connection, logger: context.logger)
    }
}
