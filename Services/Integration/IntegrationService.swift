import Contracts
import Foundation
import ServiceKit

/// `integration`: national portal sync, partner webhooks, notifications and payments (issue 7).
/// Today it owns its schema (migrated at start-up, with outbox and inbox), answers `integration.ping`
/// and `integration.metrics`, and shuts down gracefully; its operations arrive with the issue named above.
@main
struct IntegrationService {
    static func main() async throws {
        let runtime = try ServiceRuntime(service: .integration,
                                         migrationsDirectory: Bundle.module.url(forResource: "Migrations", withExtension: nil))
        try await runtime.run(routes: RPCRoutes(service: .integration, logger: runtime.logger), subscriptions: [])
    }
}
