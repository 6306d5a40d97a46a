import Contracts
import Foundation
import ServiceKit

/// `processing`: the dossier workflow after submission — cases, statuses, deadlines, results.
@main
struct ProcessingService {
    static func main() async throws {
        let runtime = try ServiceRuntime(service: .processing,
                                         migrationsDirectory: Bundle.module.url(forResource: "Migrations", withExtension: nil))
        let store = CaseStore(schema: runtime.outbox.schema)
        let status = StatusHandler(runtime: runtime, store: store)
        var routes = RPCRoutes(service: .processing, logger: runtime.logger)
        routes.on("status", DossierLookup.self, handler: status.handle)
        runtime.setReadiness("procedures", false)  // until the catalog snapshot is loaded
        runtime.setReadiness("org-units", false)  // until identity's tree is loaded
        try await runtime.run(routes: routes, subscriptions: [
            OpenCaseHandler(runtime: runtime, store: store).subscription,
            CatalogCopyHandler().subscription,
            OrgUnitCopies(schema: "processing").subscription(queue: "processing.identity-events"),
        ]) {
        } afterSubscribed: {
            await ProcedureCopies(schema: "processing").synchronise(runtime: runtime)
            await OrgUnitCopies(schema: "processing").synchronise(runtime: runtime)
        }
    }
}
