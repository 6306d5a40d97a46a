import Contracts
import Foundation
import ServiceKit

/// `documents`: files, digitised copies, signed e-results and the applicant's data store (issue 5).
/// Today it owns its schema (migrated at start-up, with outbox and inbox), answers `documents.ping`
/// and `documents.metrics`, and shuts down gracefully; its operations arrive with the issue named above.
@main
struct DocumentsService {
    static func main() async throws {
        let runtime = try ServiceRuntime(service: .documents,
                                         migrationsDirectory: Bundle.module.url(forResource: "Migrations", withExtension: nil))
        try await runtime.run(routes: RPCRoutes(service: .documents, logger: runtime.logger), subscriptions: [])
    }
}
