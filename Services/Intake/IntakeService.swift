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
        let units = OrgUnitCopies(schema: store.schema)
        let submit = SubmitHandler(runtime: runtime, store: store, tokens: LookupTokens(environment: runtime.environment),
                                   attachments: AttachmentOwnership(calls: calls), partners: PartnerSubmissionRight(units: units),
                                   counterEntries: CounterEntryScope(units: units))
        let lookup = LookupHandler(runtime: runtime, store: store)
        var routes = RPCRoutes(service: .intake, logger: runtime.logger)
        routes.on("submit", SubmitDossier.self, handler: submit.handle)
        routes.on("get", DossierLookup.self, handler: lookup.handle)
        runtime.setReadiness("procedures", false)  // until the catalog snapshot is loaded
        runtime.setReadiness("org-units", false)  // until identity's tree is loaded
        let procedures = ProcedureCopies(schema: store.schema)
        try await runtime.run(routes: routes, subscriptions: [procedures.subscription(queue: "intake.catalog-events"),
                                                              units.subscription(queue: "intake.identity-events")]) {
        } afterSubscribed: {
            await withDiscardingTaskGroup { group in
                group.addTask { await calls.run() }
                group.addTask { await units.synchronise(runtime: runtime) }
                await procedures.synchronise(runtime: runtime)
            }
        }
    }
}
