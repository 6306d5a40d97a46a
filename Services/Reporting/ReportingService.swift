import Contracts
import Foundation
import ServiceKit

/// `reporting`: read models built only from events, kept with the events they came from.
@main
struct ReportingService {
    static func main() async throws {
        if CommandLine.arguments.dropFirst().first == "rebuild" {
            exit(try await ReadModelRebuild.run())
        }
        let runtime = try ServiceRuntime(service: .reporting,
                                         migrationsDirectory: Bundle.module.url(forResource: "Migrations", withExtension: nil))
        let store = ReportStore(schema: runtime.outbox.schema)
        var routes = RPCRoutes(service: .reporting, logger: runtime.logger)
        routes.on("intake-counts", IntakeCountsQuery.self) { query, context in
            try await runtime.database.withConnection { connection in
                try await store.intakeCounts(agency: query.agencyCode, on: connection, logger: context.logger)
            }
        }
        try await runtime.run(routes: routes, subscriptions: [EventLogHandler(store: store).subscription])
    }
}
