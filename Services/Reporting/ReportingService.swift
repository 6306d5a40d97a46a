import Contracts
import Foundation
import ServiceKit

/// `reporting`: read models built only from events, kept with the events they came from.
/// Operator subcommands: `reporting rebuild` (read models from the log) and `reporting generate`
/// (synthetic dossiers straight into the read models, for measuring the reports at scale).
@main
struct ReportingService {
    static func main() async throws {
        switch CommandLine.arguments.dropFirst().first {
        case "rebuild": exit(try await ReadModelRebuild.run())
        case "generate": exit(try await SyntheticLoad.run(arguments: Array(CommandLine.arguments.dropFirst(2))))
        default: break
        }
        let runtime = try ServiceRuntime(service: .reporting,
                                         migrationsDirectory: Bundle.module.url(forResource: "Migrations", withExtension: nil))
        let schema = runtime.outbox.schema
        let store = ReportStore(schema: schema)
        let units = OrgUnitCopies(schema: schema)
        let reports = ReportHandlers(runtime: runtime, statistics: StatisticsStore(schema: schema), units: units)
        var routes = RPCRoutes(service: .reporting, logger: runtime.logger)
        routes.on("intake-counts", IntakeCountsQuery.self) { query, context in
            try await runtime.database.withConnection { connection in
                try await store.intakeCounts(agency: query.agencyCode, on: connection, logger: context.logger)
            }
        }
        routes.on("summary", StatisticsQuery.self, handler: reports.summary)
        routes.on("overdue", OverdueQuery.self, handler: reports.overdue)
        routes.on("officers", PeriodQuery.self, handler: reports.officers)
        routes.on("procedures", PeriodQuery.self, handler: reports.procedures)
        routes.on("dashboard", DashboardQuery.self, handler: reports.dashboard)
        let performanceStore = PerformanceStore(schema: schema)
        let performance = PerformanceHandlers(runtime: runtime, store: performanceStore)
        routes.on("performance", PerformanceQuery.self, handler: performance.report)
        routes.on("record-performance", PerformanceSamples.self, handler: performance.record)
        runtime.setReadiness("org-units", false)  // until identity's tree is loaded
        try await runtime.run(routes: routes, subscriptions: [
            EventLogHandler(store: store).subscription,
            units.subscription(queue: "reporting.identity-events"),
            performance.subscription,
        ]) {
        } afterSubscribed: {
            await withDiscardingTaskGroup { group in
                group.addTask { await units.synchronise(runtime: runtime) }
                group.addTask { await HealthProber(runtime: runtime, store: performanceStore).run() }
                group.addTask { await DatabaseSampler(runtime: runtime, store: performanceStore).run() }
                group.addTask { await performance.purgeDaily() }
            }
        }
    }
}
