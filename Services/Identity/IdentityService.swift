import Contracts
import Domain
import Foundation
import ServiceKit

/// `identity`: users, org units, roles, password login with lockout, access and refresh tokens,
/// the JWKS, and the tamper-evident security audit.
@main
struct IdentityService {
    static func main() async throws {
        switch CommandLine.arguments.dropFirst().first {
        case "verify-audit": exit(try await AuditVerification.run())
        case "audit-log": exit(try await AuditCommand.list(.identity, table: SecurityAudit.table, arguments: Array(CommandLine.arguments.dropFirst(2))))
        case "rotate-keys": exit(try await KeyRotation.run(arguments: Array(CommandLine.arguments.dropFirst(2))))
        default: break
        }
        let runtime = try ServiceRuntime(service: .identity,
                                         migrationsDirectory: Bundle.module.url(forResource: "Migrations", withExtension: nil))
        let environment = runtime.environment
        let hasher = Argon2Hasher(iterations: UInt32(environment.int("ONEGATE_ARGON2_ITERATIONS", default: 3)),
                                  memoryKiB: UInt32(environment.int("ONEGATE_ARGON2_MEMORY_KIB", default: 65_536)),
                                  gate: HashingGate(permits: environment.int("ONEGATE_PASSWORD_HASH_CONCURRENCY", default: 2),
                                                    maximumWait: .milliseconds(environment.int("ONEGATE_PASSWORD_HASH_WAIT_MS", default: 2_000)),
                                                    maximumQueue: environment.int("ONEGATE_PASSWORD_HASH_QUEUE", default: 64)))
        let signingKeys = SigningKeys(sealer: AtRestSealer.fromEnvironmentOrExit(environment))
        let lockoutSeconds = environment.int("ONEGATE_LOGIN_LOCKOUT_SECONDS", default: 900)
        let issuer = TokenIssuer(client: runtime.database, logger: runtime.logger,
                                 accessLifetime: TimeInterval(environment.int("ONEGATE_ACCESS_TOKEN_SECONDS", default: 900)),
                                 keysRefresh: TimeInterval(environment.int("ONEGATE_SIGNING_KEYS_REFRESH_SECONDS", default: 60)),
                                 signingKeys: signingKeys)
        let handlers = AuthHandlers(
            runtime: runtime, hasher: hasher,
            throttle: LoginThrottle(rule: SignInLockout(
                maximumPairFailures: environment.int("ONEGATE_LOGIN_MAX_FAILURES", default: 5),
                pairLockout: TimeInterval(lockoutSeconds),
                maximumUserFailures: environment.int("ONEGATE_LOGIN_USER_MAX_FAILURES", default: 50),
                userLockout: TimeInterval(environment.int("ONEGATE_LOGIN_USER_LOCKOUT_SECONDS", default: lockoutSeconds)),
                knownAddressMemory: TimeInterval(environment.int("ONEGATE_LOGIN_KNOWN_ADDRESS_DAYS", default: 30) * 86_400))),
            sessions: SessionStore(refreshLifetime: TimeInterval(environment.int("ONEGATE_REFRESH_TOKEN_SECONDS", default: 30 * 86_400))),
            issuer: issuer,
            decoyHash: try await hasher.hash(UUID().uuidString))
        var routes = RPCRoutes(service: .identity, logger: runtime.logger)
        routes.on("token", Credentials.self, handler: handlers.token)
        routes.on("refresh", RefreshRequest.self, handler: handlers.refresh)
        routes.on("logout", RefreshRequest.self, handler: handlers.logout)
        routes.on("session-active", SessionQuery.self, handler: handlers.sessionActive)
        routes.on("me", Empty.self, handler: handlers.me)
        routes.on("jwks", Empty.self) { _, _ in try await issuer.jwks() }
        let directory = DirectoryHandlers(runtime: runtime, hasher: hasher)
        routes.on("users.list", PageRequest.self, handler: directory.listUsers)
        routes.on("users.create", CreateUser.self, handler: directory.createUser)
        routes.on("users.disable", UserReference.self, handler: directory.disableUser)
        routes.on("org-units.list", Empty.self, handler: directory.listOrgUnits)
        routes.on("org-units.all", Empty.self, handler: directory.allOrgUnits)
        routes.on("users.all", Empty.self, handler: directory.allUsers)
        let administration = DirectoryAdminHandlers(runtime: runtime)
        routes.on("users.search", UserSearch.self, handler: administration.search)
        routes.on("users.get", UserReference.self, handler: administration.get)
        routes.on("users.enable", UserReference.self, handler: administration.enable)
        routes.on("users.unlock", UserReference.self, handler: administration.unlock)
        routes.on("users.assign-role", RoleChange.self, handler: administration.assignRole)
        routes.on("users.revoke-role", RoleChange.self, handler: administration.revokeRole)
        routes.on("org-units.create", CreateOrgUnit.self, handler: administration.createOrgUnit)
        let calls = PeerCalls(runtime: runtime)
        let accounts = AccountHandlers(
            runtime: runtime, hasher: hasher, calls: calls,
            mails: AccountMails(baseURL: environment.string("ONEGATE_PUBLIC_BASE_URL", default: "http://127.0.0.1:8080")),
            verificationLifetime: TimeInterval(environment.int("ONEGATE_ACCOUNT_VERIFY_SECONDS", default: 86_400)),
            resetLifetime: TimeInterval(environment.int("ONEGATE_PASSWORD_RESET_SECONDS", default: 3_600)))
        routes.on("accounts.register", AccountRegistration.self, handler: accounts.register)
        routes.on("accounts.verify", AccountToken.self, handler: accounts.verify)
        routes.on("accounts.reset-request", PasswordResetRequest.self, handler: accounts.requestReset)
        routes.on("accounts.reset-confirm", PasswordResetConfirmation.self, handler: accounts.confirmReset)
        routes.on("accounts.profile", Empty.self, handler: AccountProfileHandler(runtime: runtime).profile)
        let seedDemo = environment.string("ONEGATE_DEMO_SEED", default: "0") == "1"
        try await runtime.run(routes: routes, subscriptions: []) {
            // Keys stored before sealing (or under a rotated-out data key) are sealed before serving.
            let sealed = try await AtRestSealer.refusingToStartUnlessOpens {
                try await runtime.database.transaction(logger: runtime.logger) { connection in
                    try await signingKeys.sealStoredKeys(on: connection, logger: runtime.logger)
                }
            }
            if sealed > 0 { runtime.logger.info("sealed stored signing keys", metadata: ["keys": "\(sealed)"]) }
            if seedDemo { try await DemoDirectory().seed(client: runtime.database, outbox: runtime.outbox, hasher: hasher, logger: runtime.logger) }
        } afterSubscribed: {
            await calls.run()
        }
    }
}
