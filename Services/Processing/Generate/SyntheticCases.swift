import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO
import ServiceKit
import Storage

/// `processing generate [--dossiers N] [--agency 000.00.01.H30] [--remove]`: N synthetic cases of
/// one agency straight into processing's own table, for measuring the work queues at scale
/// (`scripts/bench`, the workspace's queue page). They carry codes dated 2000 (`<agency>-000101-0001`
/// onwards), which no real dossier has, are spread over the states the queues' tabs show, with due
/// dates from 10 days ago to 50 days ahead (some overdue), those in handling assigned in turn to
/// the specialists processing knows, and have no history, events or timers;
/// `--remove` deletes them. Running it again first removes the earlier ones.
enum SyntheticCases {
    struct Options {
        var dossiers = 100_000
        var agency = "000.00.01.H30"
        var remove = false
    }

    static let usage = "usage: processing generate [--dossiers N] [--agency AGENCY] [--remove]"
    /// The states the synthetic cases take, in turn: the queues' tabs (receive, assign, mine,
    /// approval, issue, results) and some finished ones.
    static let states: [DossierState] = [.awaitingReception, .received, .transferred, .inHandling, .inHandling, .awaitingApproval,
                                         .approved, .resultIssued, .returned, .supplementRequestedDuringHandling]

    static func run(arguments: [String]) async throws -> Int32 {
        guard let options = parse(arguments) else {
            FileHandle.standardError.write(Data((usage + "\n").utf8))
            return 2
        }
        return try await OperatorCommand.withDatabase(of: .processing) { client, logger in
            let directory = Bundle.module.url(forResource: "Migrations", withExtension: nil)
            try await MigrationRunner(schema: "processing", migrations: try directory.map(Migration.load(from:)) ?? [])
                .run(on: client, logger: logger)
            try await client.withConnection { connection in
                try await run(options, on: connection, logger: logger)
            }
            return 0
        }
    }

    static func parse(_ arguments: [String]) -> Options? {
        var options = Options()
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            switch flag {
            case "--remove": options.remove = true
            case "--dossiers":
                guard let value = rest.popFirst().flatMap(Int.init), (1...5_000_000).contains(value) else { return nil }
                options.dossiers = value
            case "--agency":
                guard let value = rest.popFirst(), AgencyIdentifier.isWellFormed(value) else { return nil }
                options.agency = value
            default: return nil
            }
        }
        return options
    }

    static func run(_ options: Options, on connection: PostgresConnection, logger: Logger) async throws {
        let started = ContinuousClock.now
        // Codes dated 2000-01-01 … are synthetic: intake numbers dossiers by the day they arrive.
        try await connection.query("DELETE FROM processing.cases WHERE code LIKE \(options.agency + "-00____-%")",
                                   logger: logger)
        if options.remove {
            print("removed the synthetic cases of \(options.agency) in \(seconds(since: started)) s")
            return
        }
        let states = states.map(\.rawValue)
        let statuses = Self.states.map { Int16($0.nationalStatus.rawValue) }
        // Each state's workflow as processing keeps it (DossierWorkflow), the assignee left to the queue column.
        try await connection.query("""
            WITH specialists AS (SELECT coalesce(array_agg(id ORDER BY id), '{}') AS ids FROM processing.staff
                                 WHERE roles @> '[{"role": "specialist"}]' AND NOT disabled)
            INSERT INTO processing.cases (code, agency_code, procedure_code, procedure_version, procedure_name, channel, state, status,
                lookup_token_hash, applicant, owner_id, attachments, workflow, clock, submitted_at, received_at, due_at, finished_at,
                holder_unit, overdue, assignee)
            SELECT \(options.agency) || '-' || to_char(date '2000-01-01' + (i / 9999)::int, 'YYMMDD') || '-' || lpad((i % 9999 + 1)::text, 4, '0'),
                   \(options.agency), '1.001193', 1, 'Đăng ký khai sinh (tổng hợp)', 'online', s.state, s.status,
                   'synthetic', jsonb_build_object('kind', 'citizen', 'name', 'Người nộp ' || i, 'idNumber', lpad(i::text, 12, '0')),
                   NULL, '[]'::jsonb,
                   jsonb_strip_nulls(jsonb_build_object('state', s.state, 'currentStep', 0, 'extensionUsed', false,
                                                     'pendingConsultations', '[]'::jsonb, 'assignee', a.assignee)),
                   NULL, t.submitted, CASE WHEN s.state = 'awaiting-reception' THEN NULL ELSE t.submitted + interval '1 hour' END,
                   CASE WHEN s.state = 'awaiting-reception' THEN NULL ELSE t.due END,
                   CASE WHEN s.state IN ('approved', 'result-issued', 'returned') THEN t.submitted + interval '2 days' END,
                   NULL, s.state <> 'awaiting-reception' AND s.state NOT IN ('approved', 'result-issued', 'returned') AND t.due < now(),
                   a.assignee
            FROM generate_series(0::bigint, \(options.dossiers - 1)) AS i
            CROSS JOIN specialists AS sp
            CROSS JOIN LATERAL (SELECT (\(states))[1 + i % \(Int32(states.count))] AS state,
                                       (\(statuses))[1 + i % \(Int32(statuses.count))] AS status) AS s
            CROSS JOIN LATERAL (SELECT now() - make_interval(mins => ((i * 7919) % 86400)::int) AS submitted,
                                       now() + make_interval(hours => (((i * 104729) % 1440) - 240)::int) AS due) AS t
            -- The cases in handling go to the agency's specialists in turn.
            CROSS JOIN LATERAL (SELECT CASE WHEN s.state = 'in-handling' AND cardinality(sp.ids) > 0
                                            THEN sp.ids[1 + (i / \(Int32(states.count))) % cardinality(sp.ids)] END AS assignee) AS a
            """, logger: logger)
        try await connection.query("ANALYZE processing.cases", logger: logger)
        print("loaded \(options.dossiers) synthetic cases of \(options.agency) in \(seconds(since: started)) s")
    }

    private static func seconds(since start: ContinuousClock.Instant) -> String {
        let elapsed = ContinuousClock.now - start
        return String(format: "%.1f", Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
}
