import Contracts
import Domain
import Logging
import PostgresNIO
import ServiceKit

/// What one work-queue query selects (`processing.queue`, `processing.queue.counts`): the SQL
/// condition over processing's cases with its bindings, and — when the query narrows only by
/// what the queue counts keep (agency, state, assignee, supplemented) — the counts' key, so its
/// total is a sum over a few rows instead of a count of the agency's cases.
struct QueueSelection {
    var schema: String
    var condition: String
    var bindings: PostgresBindings
    var countKey: QueueCounts.Key?
    var mine: Bool
    /// With several agencies and nothing else in scope: the condition per agency.
    var perAgency: [String]?

    /// The selection of `query` for `caller`: officers the agencies their units serve (`served`,
    /// `EntitlementResolver.servedAgencies`), applicants their own dossiers. Refuses a caller who is neither.
    static func of(_ query: WorkQueueQuery, caller: Caller, served: [String], staff: StaffCopies, schema: String,
                   on connection: PostgresConnection, logger: Logger) async throws -> QueueSelection {
        let mine = query.mine == true
        let agencies = mine ? [] : served
        let ownsDossiers = caller.holds(Role.citizen.rawValue)
        guard !agencies.isEmpty || ownsDossiers else {
            throw Problem(status: 403, title: "Forbidden", detail: "Work queues are for officers and applicants.")
        }
        var bindings = PostgresBindings()
        func bind<Value: PostgresEncodable>(_ value: Value) throws -> String {
            try bindings.append(value)
            return "$\(bindings.count)"
        }
        var conditions: [String] = []
        var key: QueueCounts.Key? = ownsDossiers || mine ? nil : QueueCounts.Key(agencies: agencies)
        if let status = query.status, !status.isEmpty {
            conditions.append("status = ANY(\(try bind(status.map { Int16($0) })))")
            // Implied by the state (a tab's narrowing): the counts still apply.
            let implied = query.state.flatMap(DossierState.init(rawValue:)).map { [$0.nationalStatus.rawValue] }
            if status != implied { key = nil }
        }
        if let state = query.state {
            conditions.append("state = \(try bind(state))")
            key?.state = state
        }
        if let agency = query.agency {
            conditions.append("agency_code = \(try bind(agency))")
            key?.agencies = agencies.contains(agency) ? [agency] : []
        }
        if let procedure = query.procedure {
            conditions.append("procedure_code = \(try bind(procedure))")
            key = nil
        }
        if let assignee = query.assignee {
            let id = assignee == "me" ? caller.userId : try await staff.find(assignee, on: connection, logger: logger)?.id
            conditions.append("assignee = \(try bind(id ?? "-"))")
            key?.assignee = id ?? "-"
        }
        if let unit = query.unit {
            conditions.append("holder_unit = \(try bind(unit))")
            key = nil
        }
        if let overdue = query.overdue {
            conditions.append(overdue ? "overdue AND finished_at IS NULL" : "NOT overdue")
            key = nil
        }
        if let action = query.lastAction {
            conditions.append("last_action = \(try bind(action))")
            if action == DossierAction.Kind.supplement.rawValue { key?.supplemented = true } else { key = nil }
        }
        if let hours = query.dueWithinHours {
            conditions.append("finished_at IS NULL AND NOT overdue AND due_at <= now() + make_interval(hours => \(try bind(Int32(hours))))")
            key = nil
        }
        // The scope last: each agency bound on its own, for the per-agency parts of `rows`.
        let filters = conditions
        var scope: [String] = []
        var perAgency: [String] = []
        var parameters: [String] = []
        for agency in agencies {
            let parameter = try bind(agency)
            parameters.append(parameter)
            perAgency.append((["agency_code = \(parameter)"] + filters).joined(separator: " AND "))
        }
        if !parameters.isEmpty { scope.append("agency_code IN (\(parameters.joined(separator: ", ")))") }
        if ownsDossiers, let user = caller.userId { scope.append("owner_id = \(try bind(user))") }
        let condition = (["(" + scope.joined(separator: " OR ") + ")"] + filters).joined(separator: " AND ")
        return QueueSelection(schema: schema, condition: condition, bindings: bindings, countKey: key, mine: mine,
                              perAgency: ownsDossiers || perAgency.count < 2 ? nil : perAgency)
    }

    /// The condition (and order) that loads the page of `order` from `offset`: with several agencies,
    /// the first `offset + limit` of each agency (each read in the order of its index) merged, since
    /// one index scan over a list of agencies cannot give the order.
    func rows(order: String, offset: Int, limit: Int) -> String {
        guard let perAgency else { return "\(condition) ORDER BY \(order) OFFSET \(offset)" }
        let parts = perAgency.map { "(SELECT code, due_at, submitted_at FROM \(schema).cases WHERE \($0) ORDER BY \(order) LIMIT \(offset + limit))" }
        return "code IN (SELECT code FROM (\(parts.joined(separator: " UNION ALL "))) AS parts ORDER BY \(order) OFFSET \(offset) LIMIT \(limit))"
            + " ORDER BY \(order)"
    }

    /// How many cases it selects: from the queue counts when it can, else counted.
    func total(counts: QueueCounts, on connection: PostgresConnection, logger: Logger) async throws -> Int {
        if let countKey {
            return countKey.agencies.isEmpty ? 0 : try await counts.count(countKey, on: connection, logger: logger)
        }
        for try await count in try await connection.query(PostgresQuery(
            unsafeSQL: "SELECT count(*)::int FROM \(schema).cases WHERE \(condition)", binds: bindings), logger: logger).decode(Int.self) {
            return count
        }
        return 0
    }
}
