import Contracts
import Domain
import Foundation
import Logging
import NIOCore
import PostgresNIO
import ServiceKit
import Storage

/// `reporting generate [--dossiers N] [--year Y] [--province H62] [--seed S] [--measure-only] [--remove]`:
/// loads N synthetic dossier histories of one province-year straight into the read models
/// (the facts rows by COPY, the day and month counters computed with the same rules as live
/// events), then times the province-year statistical report and prints the database size.
///
/// The synthetic rows belong to agencies ending in `.<province>` and have no events in the log:
/// `reporting rebuild` drops them, and `--remove` deletes them.
enum SyntheticLoad {
    struct Options {
        var dossiers = 1_000_000
        var year = 2025
        var province = "H62"
        var seed: UInt64 = 2026
        var measureOnly = false
        var remove = false
    }

    static let usage = "usage: reporting generate [--dossiers N] [--year YYYY] [--province H62] [--seed S] [--measure-only] [--remove]"

    static func run(arguments: [String]) async throws -> Int32 {
        guard let options = parse(arguments) else {
            say(usage)
            return 2
        }
        return try await OperatorCommand.withDatabase(of: .reporting) { client, logger in
            // The schema must be current (the service may not have run since the last migration).
            let directory = Bundle.module.url(forResource: "Migrations", withExtension: nil)
            try await MigrationRunner(schema: "reporting", migrations: try directory.map(Migration.load(from:)) ?? [])
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
            case "--measure-only": options.measureOnly = true
            case "--remove": options.remove = true
            case "--dossiers": guard let value = rest.popFirst().flatMap(Int.init), value > 0 else { return nil }; options.dossiers = value
            case "--year": guard let value = rest.popFirst().flatMap(Int.init), (2000...2099).contains(value) else { return nil }; options.year = value
            case "--seed": guard let value = rest.popFirst().flatMap(UInt64.init) else { return nil }; options.seed = value
            case "--province":
                guard let value = rest.popFirst(), AgencyIdentifier.isWellFormed("000.00.00." + value) else { return nil }
                options.province = value
            default: return nil
            }
        }
        return options
    }

    static func run(_ options: Options, on connection: PostgresConnection, logger: Logger) async throws {
        let pattern = "%." + options.province
        if options.remove || !options.measureOnly {
            let started = ContinuousClock.now
            for table in ["dossiers", "daily_figures", "monthly_figures", "officer_steps"] {
                try await connection.query(PostgresQuery(unsafeSQL: "DELETE FROM reporting.\(table) WHERE agency_code LIKE $1",
                                                         binds: binds([pattern])), logger: logger)
            }
            // The procedures' roll-ups: the synthetic procedures (9.900001…) are used by no one else.
            for table in ["daily_figures", "monthly_figures"] {
                try await connection.query(PostgresQuery(unsafeSQL: "DELETE FROM reporting.\(table) WHERE agency_code = '*' AND procedure_code LIKE '9.9%'"),
                                           logger: logger)
            }
            say("removed earlier synthetic rows of *.\(options.province) in \(seconds(since: started)) s")
            if options.remove { return }
        }
        if !options.measureOnly {
            try await load(options, on: connection, logger: logger)
        }
        try await measure(options, on: connection, logger: logger)
    }

    // MARK: - load

    static func load(_ options: Options, on connection: PostgresConnection, logger: Logger) async throws {
        let started = ContinuousClock.now
        // COPY quotes the table name as one identifier: name the tables within the schema.
        try await connection.query("SET search_path TO reporting", logger: logger)
        var world = World(options)
        var daily: [DossierStore.Key: [Int32]] = [:]
        let batch = 50_000
        var written = 0
        while written < options.dossiers {
            let count = min(batch, options.dossiers - written)
            var buffer = ByteBuffer()
            buffer.reserveCapacity(count * 200)
            for _ in 0..<count {
                let facts = world.next()
                writeRow(facts, into: &buffer)
                for contribution in facts.contributions {
                    for (agency, procedure) in [(facts.agencyCode, facts.procedureCode), (facts.agencyCode, DossierStore.all),
                                                (DossierStore.all, facts.procedureCode)] {
                        let key = DossierStore.Key(agency: agency, procedure: procedure, day: contribution.day)
                        daily[key, default: Array(repeating: 0, count: ReportMeasure.allCases.count)][Self.index[contribution.measure]!] += 1
                    }
                }
            }
            try await connection.copyFrom(table: "dossiers", columns: Self.dossierColumns, logger: logger) { writer in
                try await writer.write(buffer)
            }
            written += count
            say("loaded \(written)/\(options.dossiers) dossiers (\(seconds(since: started)) s)")
        }
        var monthly: [DossierStore.Key: [Int32]] = [:]
        for (key, counts) in daily {
            var month = key
            month.day = key.day.firstOfMonth
            var sum = monthly[month] ?? Array(repeating: 0, count: counts.count)
            for index in counts.indices { sum[index] += counts[index] }
            monthly[month] = sum
        }
        for (table, column, rows) in [("daily_figures", "day", daily), ("monthly_figures", "month", monthly)] {
            var buffer = ByteBuffer()
            for (key, counts) in rows {
                buffer.writeString("\(key.agency)\t\(key.procedure)\t\(key.day)\t" + counts.map(String.init).joined(separator: "\t") + "\n")
            }
            try await connection.copyFrom(table: table,
                                          columns: ["agency_code", "procedure_code", column] + DossierStore.measureColumns,
                                          logger: logger) { writer in
                try await writer.write(buffer)
            }
            say("loaded \(rows.count) rows into \(table)")
        }
        try await connection.query("ANALYZE reporting.dossiers", logger: logger)
        try await connection.query("ANALYZE reporting.daily_figures", logger: logger)
        try await connection.query("ANALYZE reporting.monthly_figures", logger: logger)
        say("LOAD: \(options.dossiers) dossiers in \(seconds(since: started)) s")
    }

    static let index = Dictionary(uniqueKeysWithValues: ReportMeasure.allCases.enumerated().map { ($1, $0) })

    static let dossierColumns = ["code", "agency_code", "procedure_code", "channel", "submitted_at", "received_at", "due_at",
                                 "suspended_since", "resolved_at", "ended_at", "end_status", "status", "state",
                                 "last_transition_at", "holder_unit", "assignee", "last_sequence", "finished_at",
                                 "overdue_from", "handling_seconds"]

    static func writeRow(_ facts: DossierFacts, into buffer: inout ByteBuffer) {
        func text(_ value: String?) -> String { value ?? "\\N" }
        // PostgreSQL reads the ISO 8601 moments with their +07:00 offset.
        func iso(_ value: Moment?) -> String { value?.description ?? "\\N" }
        let fields: [String] = [
            facts.code, facts.agencyCode, facts.procedureCode, text(facts.channel?.rawValue), iso(facts.submittedAt),
            iso(facts.receivedAt), iso(facts.dueAt), iso(facts.suspendedSince), iso(facts.resolvedAt), iso(facts.endedAt),
            text(facts.endStatus.map(String.init)), String(facts.status), text(facts.state), iso(facts.lastTransitionAt),
            text(facts.holderUnit), text(facts.assignee), String(facts.lastSequence), iso(facts.finishedAt),
            iso(facts.overdueFrom), text(facts.handlingSeconds.map(String.init)),
        ]
        buffer.writeString(fields.joined(separator: "\t"))
        buffer.writeString("\n")
    }

    // MARK: - measure

    static func measure(_ options: Options, on connection: PostgresConnection, logger: Logger) async throws {
        let store = StatisticsStore(schema: "reporting")
        let period = ReportPeriod(first: LocalDate(year: options.year, month: 1, day: 1)!,
                                  last: LocalDate(year: options.year, month: 12, day: 31)!)!
        let now = Moment(Date())
        var timings: [Double] = []
        var last: StatisticalFigures = .zero
        var groups = 0
        // As the province's administrator reads it: every agency of the province.
        let filter = StatisticsStore.Filter(scope: ReportScope(levelOneCodes: [options.province]))
        // The province-year, then a period running to today (its in-progress figures judged at now).
        let runningToToday = ReportPeriod(first: LocalDate(year: options.year, month: 7, day: 1)!, last: now.vietnamDate)!
        for (name, grouping, period) in [("province-year \(options.year)", ReportGrouping.agency, period),
                                         ("province-year \(options.year)", .procedure, period),
                                         ("\(runningToToday.first)…today", .agency, runningToToday)] {
            timings = []
            for _ in 0..<11 {
                let started = ContinuousClock.now
                let (rows, total) = try await store.figures(period: period, groupBy: grouping, filter: filter, now: now,
                                                            on: connection, logger: logger)
                timings.append(milliseconds(since: started))
                last = total
                groups = rows.count
            }
            timings.sort()
            say("REPORT \(name) by \(grouping.rawValue) (\(groups) rows): " +
                  "min \(format(timings.first!)) ms, median \(format(timings[timings.count / 2])) ms, max \(format(timings.last!)) ms")
        }
        say("TOTAL received \(last.received.total) (online \(last.received.online), direct/postal \(last.received.directOrPostal), " +
              "carried \(last.received.carriedOver)); resolved \(last.resolved.total) (early \(last.resolved.early), " +
              "on time \(last.resolved.onTime), overdue \(last.resolved.overdue)); in progress \(last.inProgress.total) " +
              "(within \(last.inProgress.withinDeadline), overdue \(last.inProgress.overdue)); refused \(last.refused), " +
              "withdrawn \(last.withdrawn), stopped \(last.stopped); on-time rate \(last.onTimeRate) %")
        for try await (table, bytes, rows) in try await connection.query("""
            SELECT c.relname, pg_total_relation_size(c.oid)::bigint, c.reltuples::bigint FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'reporting' AND c.relkind = 'r' ORDER BY 2 DESC
            """, logger: logger).decode((String, Int64, Int64).self) {
            say("SIZE reporting.\(table): \(format(Double(bytes) / 1_048_576)) MiB (~\(rows) rows)")
        }
        for try await (schemaBytes, databaseBytes) in try await connection.query("""
            SELECT (SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = 'reporting' AND c.relkind = 'r')::bigint, pg_database_size(current_database())::bigint
            """, logger: logger).decode((Int64, Int64).self) {
            say("SIZE schema reporting: \(format(Double(schemaBytes) / 1_048_576)) MiB; database: \(format(Double(databaseBytes) / 1_048_576)) MiB")
        }
    }

    static func binds(_ values: [String]) -> PostgresBindings {
        var bindings = PostgresBindings()
        for value in values { bindings.append(value) }
        return bindings
    }

    static func seconds(since start: ContinuousClock.Instant) -> String { format(milliseconds(since: start) / 1000) }

    static func milliseconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    }

    /// Writes a line at once (unbuffered), so progress shows even when piped.
    static func say(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func format(_ value: Double) -> String { String(format: "%.1f", value) }
}

/// The synthetic province: 20 departments and 100 communes, 200 procedures (50 at commune level,
/// 150 spread over the departments), chosen with a Zipf-like skew; channels 55 % online, 40 % at
/// the counter, 5 % by post; outcomes: 2 % refused at reception, 1 % withdrawn, 0.5 % stopped,
/// the rest resolved (about 60 % early, 25 % on time, 15 % late) unless still in progress now;
/// 5 % had a supplement request (the due moment moved), 2 % an extension.
struct World {
    var random: SplitMixRandom
    let options: SyntheticLoad.Options
    let departments: [String]
    let communes: [String]
    let procedures: [String]
    let budgetDays: [Int]
    let cumulativeWeights: [Double]
    let workingDays: [LocalDate]
    let now = Moment(Date())
    var serial = 0

    init(_ options: SyntheticLoad.Options) {
        self.options = options
        random = SplitMixRandom(seed: options.seed)
        departments = (1...20).map { String(format: "000.00.%02d.", $0) + options.province }
        communes = (1...100).map { String(format: "%03d.%02d.00.", $0 % 1000, $0 / 10) + options.province }
        procedures = (1...200).map { String(format: "9.9%05d", $0) }
        var seeded = SplitMixRandom(seed: options.seed ^ 0xBEEF)
        budgetDays = procedures.indices.map { _ in [1, 3, 5, 7, 10, 15, 20][Int(seeded.next() % 7)] }
        var total = 0.0
        cumulativeWeights = procedures.indices.map { index in
            total += 1 / pow(Double(index + 1), 0.9)
            return total
        }
        var days: [LocalDate] = []
        var date = LocalDate(year: options.year, month: 1, day: 1)!
        while date.year == options.year {
            if date.weekday.rawValue <= 5 { days.append(date) }
            date = date.adding(days: 1)
        }
        workingDays = days
    }

    mutating func uniform() -> Double { Double(random.next() >> 11) / Double(1 << 53) }

    mutating func next() -> DossierFacts {
        serial += 1
        let pick = uniform() * cumulativeWeights.last!
        var low = 0
        var high = cumulativeWeights.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulativeWeights[middle] < pick { low = middle + 1 } else { high = middle }
        }
        let procedureIndex = low
        let agency = procedureIndex < 50 ? communes[Int(random.next() % UInt64(communes.count))] : departments[procedureIndex % departments.count]
        let roll = uniform()
        let channel: SubmissionChannel = roll < 0.55 ? .online : roll < 0.95 ? .direct : .postal
        let day = workingDays[Int(random.next() % UInt64(workingDays.count))]
        let submitted = Moment(vietnam: day, hour: 7, minute: 30)!.adding(seconds: Int64(random.next() % (9 * 3600)))
        var facts = DossierFacts(code: "\(agency)-\(day.compactYYMMDD)-G\(serial)", agencyCode: agency,
                                 procedureCode: procedures[procedureIndex], channel: channel)
        facts.submittedAt = submitted
        facts.lastSequence = 2
        facts.status = 1
        facts.state = DossierState.awaitingReception.rawValue
        let outcome = uniform()
        let hour: Int64 = 3600
        let dayLength: Int64 = 86_400
        if outcome < 0.02 {  // refused at reception
            facts.endedAt = submitted.adding(seconds: hour * Int64(1 + random.next() % 30))
            facts.endStatus = 3
            facts.status = 3
            facts.state = DossierState.refused.rawValue
            return finish(facts)
        }
        let received = channel == .online ? submitted.adding(seconds: hour * Int64(1 + random.next() % 20)) : submitted
        facts.receivedAt = received
        let budget = Int64(budgetDays[procedureIndex])
        // Working days to calendar time: 7 calendar days per 5 working days, due at 17:00.
        var due = Moment(vietnam: received.adding(seconds: dayLength * (budget * 7 + 4) / 5).vietnamDate, hour: 17, minute: 0)!
        if uniform() < 0.05 { due = due.adding(seconds: dayLength * Int64(2 + random.next() % 6)) }  // supplement, restarted
        if uniform() < 0.02 { due = due.adding(seconds: dayLength * 5) }  // extension
        facts.dueAt = due
        facts.status = 4
        facts.state = DossierState.inHandling.rawValue
        facts.holderUnit = agency
        facts.lastSequence = 8
        if outcome < 0.03 {  // withdrawn after reception
            facts.endedAt = received.adding(seconds: dayLength * Int64(1 + random.next() % 5))
            facts.endStatus = 7
            facts.status = 7
            facts.state = DossierState.withdrawn.rawValue
            return finish(facts)
        }
        if outcome < 0.035 {  // stopped
            facts.endedAt = received.adding(seconds: dayLength * Int64(1 + random.next() % 10))
            facts.endStatus = 8
            facts.status = 8
            facts.state = DossierState.stopped.rawValue
            return finish(facts)
        }
        let span = max(hour, due.secondsSinceEpoch - received.secondsSinceEpoch)
        let timing = uniform()
        let resolved: Moment
        if timing < 0.6 {
            resolved = received.adding(seconds: Int64(Double(span) * (0.2 + 0.6 * uniform())))
        } else if timing < 0.85 {
            resolved = Moment(vietnam: due.vietnamDate, hour: 8, minute: 0)!.adding(seconds: Int64(random.next() % (8 * 3600)))
        } else {
            resolved = due.adding(seconds: dayLength * Int64(1 + random.next() % 20))
        }
        if outcome > 0.995 || resolved > now {  // still in progress (a few stuck ones)
            if uniform() < 0.1 { facts.suspendedSince = min(now, due).adding(seconds: -dayLength) ; facts.status = 5
                facts.state = DossierState.supplementRequestedDuringHandling.rawValue }
            return finish(facts)
        }
        facts.resolvedAt = resolved
        facts.status = uniform() < 0.9 ? 10 : 9
        facts.state = facts.status == 10 ? DossierState.returned.rawValue : DossierState.resultIssued.rawValue
        facts.lastSequence = 14
        return finish(facts)
    }

    private func finish(_ facts: DossierFacts) -> DossierFacts {
        var facts = facts
        facts.lastTransitionAt = facts.resolvedAt ?? facts.endedAt ?? facts.receivedAt ?? facts.submittedAt
        return facts
    }
}

/// SplitMix64: small, seeded and deterministic, so a load can be repeated exactly.
struct SplitMixRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
