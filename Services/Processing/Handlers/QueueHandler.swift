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
    let counts: QueueCounts

    func handle(_ query: WorkQueueQuery, context: RPCContext) async throws -> Page<WorkQueueItem> {
        let caller = context.caller
        guard caller.isAuthenticated else { throw Problem.authenticationRequired }
        try validate(query)
        let logger = context.logger
        return try await runtime.database.withConnection { connection in
            let served = query.mine == true ? [] : try await resolver.servedAgencies(caller, on: connection, logger: logger).sorted()
            let selection = try await QueueSelection.of(query, caller: caller, served: served, staff: staff, schema: store.schema,
                                                        on: connection, logger: logger)
            let total = try await selection.total(counts: counts, on: connection, logger: logger)
            let offset = (query.page - 1) * query.pageSize
            let order = selection.mine ? "submitted_at DESC, code DESC"
                : query.order == "due-desc" ? "due_at DESC NULLS LAST, submitted_at DESC" : "due_at NULLS LAST, submitted_at"
            let items = offset >= total && total > 0 ? []
                : try await store.queueItems(where: selection.rows(order: order, offset: offset, limit: query.pageSize),
                                             selection.bindings, limit: query.pageSize, on: connection, logger: logger)
            return Page(items: items, page: query.page, pageSize: query.pageSize, total: total)
        }
    }

    /// `processing.queue.counts`: the totals of several queries at once (the workspace's tabs), each
    /// as `queue` would give it, on one connection.
    func counts(_ request: WorkQueueCountsQuery, context: RPCContext) async throws -> WorkQueueCounts {
        let caller = context.caller
        guard caller.isAuthenticated else { throw Problem.authenticationRequired }
        guard (1...WorkQueueCountsQuery.maximumQueries).contains(request.queries.count) else {
            throw ValidationFailure([FieldError(field: "queries", message: "must hold 1 to \(WorkQueueCountsQuery.maximumQueries) queries")])
        }
        for query in request.queries { try validate(query) }
        let logger = context.logger
        return try await runtime.database.withConnection { connection in
            let served = try await resolver.servedAgencies(caller, on: connection, logger: logger).sorted()
            var selections: [QueueSelection] = []
            for query in request.queries {
                selections.append(try await QueueSelection.of(query, caller: caller, served: served, staff: staff,
                                                              schema: store.schema, on: connection, logger: logger))
            }
            // The counted tabs from one read of the agencies' groups; the others counted one by one.
            let groups = selections.contains { $0.countKey != nil } && !served.isEmpty
                ? try await counts.groups(of: served, on: connection, logger: logger) : []
            var totals: [Int] = []
            for selection in selections {
                if let key = selection.countKey {
                    totals.append(groups.filter(key.covers).reduce(0) { $0 + $1.dossiers })
                } else {
                    totals.append(try await selection.total(counts: counts, on: connection, logger: logger))
                }
            }
            return WorkQueueCounts(totals: totals)
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
