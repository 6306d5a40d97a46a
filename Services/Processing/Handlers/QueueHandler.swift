import Contracts
import Domain
import Foundation
import PostgresNIO
import ServiceKit

/// `processing.queue`: work queues. Officers see the dossiers of the agencies their units serve,
/// applicants their own; filters by status, state, agency, procedure, assignee, overdue, due soon
/// and the last action (`supplement`: supplements received); soonest due first (or latest, with
/// `order`). With `mine`, only the caller's own dossiers as applicant, newest first.
struct QueueHandler: Sendable {
    let runtime: ServiceRuntime
    let store: CaseStore
    let resolver: EntitlementResolver
    let staff: StaffCopies

    func handle(_ query: WorkQueueQuery, context: RPCContext) async throws -> Page<WorkQueueItem> {
        let caller = context.caller
        guard caller.isAuthenticated else { throw Problem.authenticationRequired }
        try validate(query)
        let logger = context.logger
        return try await runtime.database.withConnection { connection in
            let mine = query.mine == true
            let agencies = mine ? [] : Array(try await resolver.servedAgencies(caller, on: connection, logger: logger))
            let ownsDossiers = caller.holds(Role.citizen.rawValue)
            guard !agencies.isEmpty || ownsDossiers else {
                throw Problem(status: 403, title: "Forbidden", detail: "Work queues are for officers and applicants.")
            }
            var bindings = PostgresBindings()
            func bind<Value: PostgresEncodable>(_ value: Value) throws -> String {
                try bindings.append(value)
                return "$\(bindings.count)"
            }
            var scope: [String] = []
            if !agencies.isEmpty { scope.append("agency_code = ANY(\(try bind(agencies)))") }
            if ownsDossiers, let user = caller.userId { scope.append("owner_id = \(try bind(user))") }
            var conditions = ["(" + scope.joined(separator: " OR ") + ")"]
            if let status = query.status, !status.isEmpty { conditions.append("status = ANY(\(try bind(status.map { Int16($0) })))") }
            if let state = query.state { conditions.append("state = \(try bind(state))") }
            if let agency = query.agency { conditions.append("agency_code = \(try bind(agency))") }
            if let procedure = query.procedure { conditions.append("procedure_code = \(try bind(procedure))") }
            if let assignee = query.assignee {
                let id = assignee == "me" ? caller.userId : try await staff.find(assignee, on: connection, logger: logger)?.id
                conditions.append("assignee = \(try bind(id ?? "-"))")
            }
            if let unit = query.unit { conditions.append("holder_unit = \(try bind(unit))") }
            if let overdue = query.overdue {
                conditions.append(overdue ? "overdue AND finished_at IS NULL" : "NOT overdue")
            }
            if let action = query.lastAction {
                // The history's newest row (case_history_code: (code, id)); the submission's row has no action.
                conditions.append("(SELECT h.action FROM \(store.schema).case_history h WHERE h.code = cases.code ORDER BY h.id DESC LIMIT 1) = \(try bind(action))")
            }
            if let hours = query.dueWithinHours {
                conditions.append("finished_at IS NULL AND NOT overdue AND due_at <= now() + make_interval(hours => \(try bind(Int32(hours))))")
            }
            let condition = conditions.joined(separator: " AND ")
            var total = 0
            for try await count in try await connection.query(PostgresQuery(
                unsafeSQL: "SELECT count(*)::int FROM \(store.schema).cases WHERE \(condition)", binds: bindings), logger: logger).decode(Int.self) {
                total = count
            }
            let offset = (query.page - 1) * query.pageSize
            let order = mine ? "submitted_at DESC, code DESC"
                : query.order == "due-desc" ? "due_at DESC NULLS LAST, submitted_at DESC" : "due_at NULLS LAST, submitted_at"
            let records = try await store.load(where: "\(condition) ORDER BY \(order) OFFSET \(offset)",
                                               bindings, limit: query.pageSize, on: connection, logger: logger)
            var names: [String: String] = [:]
            for id in Set(records.compactMap(\.workflow.assignee)) {
                names[id] = try await staff.find(id, on: connection, logger: logger)?.displayName
            }
            let items = records.map { record in
                WorkQueueItem(code: record.code, procedureCode: record.procedureCode, procedureName: record.procedureName,
                              agencyCode: record.agencyCode, channel: record.channel, applicantName: record.applicant?.name,
                              status: StatusView(record.status), state: record.state.rawValue,
                              assignee: record.workflow.assignee.map { names[$0] ?? $0 }, submittedAt: record.submittedAt,
                              receivedAt: record.receivedAt, dueAt: record.dueAt, overdue: record.overdue)
            }
            return Page(items: items, page: query.page, pageSize: query.pageSize, total: total)
        }
    }

    private func validate(_ query: WorkQueueQuery) throws {
        var errors: [FieldError] = []
        do {
            _ = try Paging.validated(page: query.page, pageSize: query.pageSize, pageSizes: 1...100)
        } catch let failure as ValidationFailure {
            errors += failure.errors
        }
        if let status = query.status, status.contains(where: { NationalStatus(rawValue: $0) == nil }) {
            errors.append(FieldError(field: "status", message: "must be status codes from 1 to 10"))
        }
        if let state = query.state, DossierState(rawValue: state) == nil {
            errors.append(FieldError(field: "state", message: "must be one of " + DossierState.allCases.map(\.rawValue).joined(separator: ", ")))
        }
        if let action = query.lastAction, DossierAction.Kind(rawValue: action) == nil {
            errors.append(FieldError(field: "lastAction", message: "must be one of " + DossierAction.Kind.allCases.map(\.rawValue).joined(separator: ", ")))
        }
        if let order = query.order, !["due", "due-desc"].contains(order) {
            errors.append(FieldError(field: "order", message: "must be due or due-desc"))
        }
        if let hours = query.dueWithinHours, !(1...720).contains(hours) {
            errors.append(FieldError(field: "dueWithinHours", message: "must be from 1 to 720"))
        }
        guard errors.isEmpty else { throw ValidationFailure(errors) }
    }
}
