import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO

/// The per-dossier read models: the facts row, the day and month counters, the officer steps.
struct DossierStore: Sendable {
    let schema: String

    static let measureColumns = ReportMeasure.allCases.map(\.column)
    /// The agency or procedure code of a roll-up row of the counters.
    static let all = "*"

    // MARK: facts

    /// The dossier's stored facts, locked for this transaction; nil when none are stored yet.
    func lockFacts(code: String, on connection: PostgresConnection, logger: Logger) async throws -> DossierFacts? {
        let rows = try await connection.query("""
            SELECT code, agency_code, procedure_code, channel, submitted_at, received_at, due_at, suspended_since, resolved_at,
                   ended_at, end_status::int, status::int, state, last_transition_at, holder_unit, assignee, last_sequence
            FROM \(unescaped: schema).dossiers WHERE code = \(code) FOR UPDATE
            """, logger: logger)
        for try await row in rows {
            let (code, agency, procedure, channel, submitted, received, due, suspended, resolved,
                 ended, endStatus, status, state, last, unit, assignee, sequence) =
                try row.decode((String, String, String, String?, Date?, Date?, Date?, Date?, Date?,
                                Date?, Int?, Int, String?, Date?, String?, String?, Int64).self)
            var facts = DossierFacts(code: code, agencyCode: agency, procedureCode: procedure,
                                     channel: channel.flatMap(SubmissionChannel.init(rawValue:)))
            facts.submittedAt = submitted.map(Moment.init)
            facts.receivedAt = received.map(Moment.init)
            facts.dueAt = due.map(Moment.init)
            facts.suspendedSince = suspended.map(Moment.init)
            facts.resolvedAt = resolved.map(Moment.init)
            facts.endedAt = ended.map(Moment.init)
            facts.endStatus = endStatus
            facts.status = status
            facts.state = state
            facts.lastTransitionAt = last.map(Moment.init)
            facts.holderUnit = unit
            facts.assignee = assignee
            facts.lastSequence = sequence
            return facts
        }
        return nil
    }

    func save(_ facts: DossierFacts, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("""
            INSERT INTO \(unescaped: schema).dossiers AS d (code, agency_code, procedure_code, channel, submitted_at, received_at, due_at,
                suspended_since, resolved_at, ended_at, end_status, status, state, last_transition_at, holder_unit, assignee,
                last_sequence, finished_at, overdue_from, handling_seconds)
            VALUES (\(facts.code), \(facts.agencyCode), \(facts.procedureCode), \(facts.channel?.rawValue), \(facts.submittedAt?.date),
                \(facts.receivedAt?.date), \(facts.dueAt?.date), \(facts.suspendedSince?.date), \(facts.resolvedAt?.date),
                \(facts.endedAt?.date), \(facts.endStatus), \(facts.status), \(facts.state), \(facts.lastTransitionAt?.date),
                \(facts.holderUnit), \(facts.assignee), \(facts.lastSequence), \(facts.finishedAt?.date), \(facts.overdueFrom?.date),
                \(facts.handlingSeconds))
            ON CONFLICT (code) DO UPDATE SET agency_code = EXCLUDED.agency_code, procedure_code = EXCLUDED.procedure_code,
                channel = EXCLUDED.channel, submitted_at = EXCLUDED.submitted_at, received_at = EXCLUDED.received_at,
                due_at = EXCLUDED.due_at, suspended_since = EXCLUDED.suspended_since, resolved_at = EXCLUDED.resolved_at,
                ended_at = EXCLUDED.ended_at, end_status = EXCLUDED.end_status, status = EXCLUDED.status, state = EXCLUDED.state,
                last_transition_at = EXCLUDED.last_transition_at, holder_unit = EXCLUDED.holder_unit, assignee = EXCLUDED.assignee,
                last_sequence = EXCLUDED.last_sequence, finished_at = EXCLUDED.finished_at, overdue_from = EXCLUDED.overdue_from,
                handling_seconds = EXCLUDED.handling_seconds
            """, logger: logger)
    }

    // MARK: counters

    /// Applies the change of a dossier's contributions to the day and month counters.
    func applyDelta(from old: DossierFacts?, to new: DossierFacts, on connection: PostgresConnection, logger: Logger) async throws {
        var changes: [Key: MeasureCounts] = [:]
        if let old {
            for contribution in old.contributions {
                changes[Key(agency: old.agencyCode, procedure: old.procedureCode, day: contribution.day), default: .init()][contribution.measure] -= 1
            }
        }
        for contribution in new.contributions {
            changes[Key(agency: new.agencyCode, procedure: new.procedureCode, day: contribution.day), default: .init()][contribution.measure] += 1
        }
        // Each change also goes to the agency's and the procedure's roll-up rows ('*').
        for (key, counts) in changes {
            for rollup in [Key(agency: key.agency, procedure: Self.all, day: key.day), Key(agency: Self.all, procedure: key.procedure, day: key.day)] {
                changes[rollup] = (changes[rollup] ?? .init()) + counts
            }
        }
        var daily: [(Key, MeasureCounts)] = []
        var monthly: [Key: MeasureCounts] = [:]
        for (key, counts) in changes where counts.values.values.contains(where: { $0 != 0 }) {
            daily.append((key, counts))
            var month = key
            month.day = key.day.firstOfMonth
            monthly[month] = (monthly[month] ?? .init()) + counts
        }
        try await add(daily, to: "daily_figures", column: "day", on: connection, logger: logger)
        try await add(monthly.filter { $0.value.values.values.contains { $0 != 0 } }.map { ($0.key, $0.value) },
                      to: "monthly_figures", column: "month", on: connection, logger: logger)
    }

    struct Key: Hashable {
        var agency: String
        var procedure: String
        var day: LocalDate
    }

    /// Adds `rows` to the counters in one statement, in key order (so concurrent transactions lock
    /// shared roll-up rows in the same order).
    private func add(_ rows: [(Key, MeasureCounts)], to table: String, column: String,
                     on connection: PostgresConnection, logger: Logger) async throws {
        guard !rows.isEmpty else { return }
        let sorted = rows.sorted { ($0.0.agency, $0.0.procedure, $0.0.day) < ($1.0.agency, $1.0.procedure, $1.0.day) }
        var bindings = PostgresBindings()
        bindings.append(sorted.map(\.0.agency))
        bindings.append(sorted.map(\.0.procedure))
        bindings.append(sorted.map(\.0.day.description))
        for measure in ReportMeasure.allCases { bindings.append(sorted.map { $0.1[measure] }) }
        let columns = Self.measureColumns.joined(separator: ", ")
        let arrays = ["$1::text[]", "$2::text[]", "$3::text[]"] + (4..<(4 + ReportMeasure.allCases.count)).map { "$\($0)::int8[]" }
        let updates = Self.measureColumns.map { "\($0) = f.\($0) + EXCLUDED.\($0)" }.joined(separator: ", ")
        try await connection.query(PostgresQuery(unsafeSQL: """
            INSERT INTO \(schema).\(table) AS f (agency_code, procedure_code, \(column), \(columns))
            SELECT u.a, u.p, u.d::date, \(Self.measureColumns.map { "u." + $0 }.joined(separator: ", "))
            FROM unnest(\(arrays.joined(separator: ", "))) AS u(a, p, d, \(columns))
            ON CONFLICT (agency_code, procedure_code, \(column)) DO UPDATE SET \(updates)
            """, binds: bindings), logger: logger)
    }

    // MARK: officer steps

    func insert(_ steps: [OfficerStep], of facts: DossierFacts, on connection: PostgresConnection, logger: Logger) async throws {
        for step in steps {
            try await connection.query("""
                INSERT INTO \(unescaped: schema).officer_steps (code, sequence, officer_id, officer_name, officer_role, unit,
                    agency_code, procedure_code, at, handling_seconds, on_time)
                VALUES (\(facts.code), \(step.sequence), \(step.officer.id), \(step.officer.name), \(step.officer.role),
                    \(step.officer.unit), \(facts.agencyCode), \(facts.procedureCode), \(step.at.date), \(step.handlingSeconds),
                    \(step.onTime))
                ON CONFLICT (code, sequence) DO UPDATE SET officer_id = EXCLUDED.officer_id, officer_name = EXCLUDED.officer_name,
                    officer_role = EXCLUDED.officer_role, unit = EXCLUDED.unit, agency_code = EXCLUDED.agency_code,
                    procedure_code = EXCLUDED.procedure_code, at = EXCLUDED.at, handling_seconds = EXCLUDED.handling_seconds,
                    on_time = EXCLUDED.on_time
                """, logger: logger)
        }
    }

    func deleteSteps(of code: String, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("DELETE FROM \(unescaped: schema).officer_steps WHERE code = \(code)", logger: logger)
    }

    // MARK: the log

    /// Every logged event of the dossier, in sequence order.
    func loggedEvents(of code: String, on connection: PostgresConnection, logger: Logger) async throws -> [(String, Data)] {
        var events: [(String, Data)] = []
        for try await (routingKey, body) in try await connection.query("""
            SELECT routing_key, body::text FROM \(unescaped: schema).event_log WHERE subject = \(code) ORDER BY sequence, position
            """, logger: logger).decode((String, String).self) {
            events.append((routingKey, Data(body.utf8)))
        }
        return events
    }
}
