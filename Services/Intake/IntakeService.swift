import Contracts
import Foundation
import ServiceKit

/// `intake`: submissions on every channel, dossier codes, and (later) reception forms 01–03.
@main
struct IntakeService {
    static func main() async throws {
        let runtime = try ServiceRuntime(service: .intake,
                                         migrationsDirectory: Bundle.module.url(forResource: "Migrations", withExtension: nil))
        let store = DossierStore(schema: runtime.outbox.schema)
        let calls = PeerCalls(runtime: runtime)
        let submit = SubmitHandler(runtime: runtime, store: store, tokens: LookupTokens(environment: runtime.environment),
                                   attachments: AttachmentOwnership(calls: calls))
        let lookup = LookupHandler(runtime: runtime, store: store)
        var routes = RPCRoutes(service: .intake, logger: runtime.logger)
        routes.on("submit", SubmitDossier.self, handler: submit.handle)
        routes.on("get", DossierLookup.self, handler: lookup.handle)
        runtime.setReadiness("procedures", false)  // until the catalog snapshot is loaded
        let procedures = ProcedureCopies(schema: store.schema)
        try await runtime.run(routes: routes, subscriptions: [procedures.subscription(queue: "intake.catalog-events")]) {
        } afterSubscribed: {
            await withDiscardingTaskGroup { group in
                group.addTask { await calls.run() }
                await procedures.synchronise(runtime: runtime)
            }
        }
    }
}
