import Contracts
import Foundation
import ServiceKit

/// `processing`: the dossier workflow after submission — cases, statuses, deadlines, forms,
/// timers and work queues. Operator subcommand: `processing generate` (synthetic cases for
/// measuring the work queues at scale).
@main
struct ProcessingService {
    static func main() async throws {
        if CommandLine.arguments.dropFirst().first == "generate" {
            exit(try await SyntheticCases.run(arguments: Array(CommandLine.arguments.dropFirst(2))))
        }
        let runtime = try ServiceRuntime(service: .processing,
                                         migrationsDirectory: Bundle.module.url(forResource: "Migrations", withExtension: nil))
        let schema = runtime.outbox.schema
        let store = CaseStore(schema: schema)
        let history = HistoryStore(schema: schema)
        let forms = FormStore(schema: schema)
        let units = OrgUnitCopies(schema: schema)
        let staff = StaffCopies(schema: schema)
        let procedures = ProcedureCopies(schema: schema)
        let calendars = CalendarCopies(schema: schema)
        let formData = FormDataBuilder(schema: schema)
        let resolver = EntitlementResolver(units: units)
        let access = CaseAccess(store: store, resolver: resolver)
        let recorder = TransitionRecorder(runtime: runtime, store: store, history: history, forms: forms,
                                          timers: TimerScheduler(schema: schema))
        let act = ActHandler(runtime: runtime, store: store, recorder: recorder, resolver: resolver, staff: staff,
                             calendars: calendars, procedures: procedures, formData: formData,
                             requests: ActionRequestStore(schema: schema))
        let timers = TimerWorker(runtime: runtime, store: store,
                                 pollInterval: .milliseconds(runtime.environment.int("ONEGATE_TIMER_POLL_MS", default: 5_000)))
        let compactor = QueueCountCompactor(runtime: runtime, counts: QueueCounts(schema: schema), interval: .seconds(2))

        var routes = RPCRoutes(service: .processing, logger: runtime.logger)
        routes.on("status", DossierLookup.self, handler: StatusHandler(runtime: runtime, store: store, history: history).handle)
        routes.on("act", DossierActionCommand.self, handler: act.handle)
        let rating = RatingHandler(runtime: runtime, store: store, ratings: RatingStore(schema: schema))
        routes.on("rate", DossierRatingCommand.self, handler: rating.rate)
        routes.on("rating", DossierLookup.self, handler: rating.state)
        routes.on("case", CaseReference.self, handler: CaseHandler(runtime: runtime, access: access, history: history, forms: forms,
                                                                    staff: staff, procedures: procedures).handle)
        routes.on("case-facts", CaseReference.self, handler: CaseFactsHandler(runtime: runtime, store: store).handle)
        let queueCounts = QueueCounts(schema: schema)
        let queue = QueueHandler(runtime: runtime, store: store, resolver: resolver, staff: staff, counts: queueCounts)
        routes.on("queue", WorkQueueQuery.self, handler: queue.handle)
        routes.on("queue.counts", WorkQueueCountsQuery.self, handler: queue.counts)
        routes.on("timeline", CaseReference.self, handler: TimelineHandler(runtime: runtime, access: access, history: history).handle)
        routes.on("form", FormRequest.self, handler: FormHandler(runtime: runtime, access: access, store: store, history: history,
                                                                  forms: forms, formData: formData,
                                                                  portalBaseURL: runtime.environment.string("ONEGATE_PUBLIC_BASE_URL",
                                                                                                            default: "http://127.0.0.1:8080")).handle)
        runtime.setReadiness("procedures", false)  // until the catalog snapshot is loaded
        runtime.setReadiness("org-units", false)  // until identity's tree is loaded
        runtime.setReadiness("staff", false)  // until identity's users are loaded
        try await runtime.run(routes: routes, subscriptions: [
            OpenCaseHandler(runtime: runtime, store: store, recorder: recorder, calendars: calendars, procedures: procedures,
                            formData: formData, staff: staff).subscription,
            CatalogCopyHandler().subscription,
            IdentityCopyHandler(units: units, staff: staff).subscription,
        ]) {
        } afterSubscribed: {
            await procedures.synchronise(runtime: runtime)
            await units.synchronise(runtime: runtime)
            await staff.synchronise(runtime: runtime)
            async let compacting: Void = compactor.run()
            await timers.run()
            await compacting
        }
    }
}
