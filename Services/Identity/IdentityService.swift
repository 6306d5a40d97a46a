import Contracts
import Foundation
import ServiceKit

/// `identity`: users, org units, roles, login and token signing keys (issue 3).
/// Today it owns its schema (migrated at start-up, with outbox and inbox), answers `identity.ping`
/// and `identity.metrics`, and shuts down gracefully; its operations arrive with the issue named above.
@main
struct IdentityService {
    static func main() async throws {
        let runtime = try ServiceRuntime(service: .identity,
                                         migrationsDirectory: Bundle.module.url(forResource: "Migrations", withExtension: nil))
        try await runtime.run(routes: RPCRoutes(service: .identity, logger: runtime.logger), subscriptions: [])
    }
}
