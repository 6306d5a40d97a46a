import Contracts
import Foundation
import ServiceKit

/// `catalog`: procedures (drafts, immutable published versions, search), shared catalogs and the
/// holiday calendar (issue 3). Publishing and calendar changes are announced through the outbox.
@main
struct CatalogService {
    static func main() async throws {
        let runtime = try ServiceRuntime(service: .catalog,
                                         migrationsDirectory: Bundle.module.url(forResource: "Migrations", withExtension: nil))
        var routes = RPCRoutes(service: .catalog, logger: runtime.logger)
        let procedures = ProcedureHandlers(runtime: runtime)
        routes.on("procedures.search", ProcedureSearch.self, handler: procedures.search)
        routes.on("procedures.get", ProcedureReference.self, handler: procedures.get)
        // Services that keep copies load this once their event queue is bound, then follow events.
        routes.on("procedures.current", Empty.self) { _, context in
            try await runtime.database.withConnection { connection in
                try await ProcedureStore().allCurrent(on: connection, logger: context.logger)
            }
        }
        routes.on("agencies.names", Empty.self) { _, context in
            try await runtime.database.withConnection { connection in
                try await AgencyNameStore().all(on: connection, logger: context.logger)
            }
        }
        routes.on("procedures.draft", ProcedureReference.self, handler: procedures.draft)
        routes.on("procedures.create", ProcedureDraft.self, handler: procedures.create)
        routes.on("procedures.replace", ProcedureDraft.self, handler: procedures.replace)
        routes.on("procedures.publish", ProcedureReference.self, handler: procedures.publish)
        routes.on("procedures.retire", ProcedureReference.self, handler: procedures.retire)
        let calendar = CalendarHandlers(runtime: runtime)
        routes.on("calendar.get", CalendarYearRequest.self, handler: calendar.get)
        routes.on("calendar.put", CalendarYearRequest.self, handler: calendar.put)
        SharedCatalogHandlers.register(on: &routes, runtime: runtime)
        let seedDemo = runtime.environment.string("ONEGATE_DEMO_SEED", default: "0") == "1"
        runtime.setReadiness("org-units", false)  // until identity's tree is loaded
        try await runtime.run(routes: routes, subscriptions: [Administrator.orgUnits.subscription(queue: "catalog.identity-events")]) {
            if seedDemo { try await DemoCatalog().seed(runtime: runtime) }
            if seedDemo { try await DemoSharedCatalogs().seed(runtime: runtime) }
        } afterSubscribed: {
            await Administrator.orgUnits.synchronise(runtime: runtime)
        }
    }
}
