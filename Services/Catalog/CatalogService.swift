import Contracts
import Foundation
import ServiceKit

/// `catalog`: procedures, shared catalogs and the holiday calendar (issue 3).
/// Today it owns its schema (migrated at start-up, with outbox and inbox), answers `catalog.ping`
/// and `catalog.metrics`, and shuts down gracefully; its operations arrive with the issue named above.
@main
struct CatalogService {
    static func main() async throws {
        let runtime = try ServiceRuntime(service: .catalog,
                                         migrationsDirectory: Bundle.module.url(forResource: "Migrations", withExtension: nil))
        try await runtime.run(routes: RPCRoutes(service: .catalog, logger: runtime.logger), subscriptions: [])
    }
}
