import Contracts
import Domain
import Foundation
import Messaging
import PostgresNIO
import Storage
import Testing

/// The reporting process fed with real events on the broker: every column of the statistical
/// report against hand-computed figures, per-officer and per-procedure figures, the overdue
/// list, duplicate and out-of-order delivery, and the rebuild from the event log.
extension Integration {
    @Suite struct ReportingTests {
        let environment = TestEnvironment.shared

        @Test func reportsFromKnownEventsSurviveRedeliveryAndRebuild() async throws {
            let story = AprilStory(agency: String(format: "%03d.%02d.%02d.Z%02d", Int.random(in: 0...999), Int.random(in: 0...99),
                                                  Int.random(in: 0...99), Int.random(in: 0...99)))
            let process = try launchReporting()
            defer { Self.stop(process) }
            let link = AMQPLink(configuration: environment.adminBroker,
                                options: LinkOptions(name: "test-reporting-events", confirms: true, topology: Topology(queues: [
                                    Topology.eventQueue("reporting.dossier-events", routingKeys: ["intake.dossier.*", "processing.dossier.*"]),
                                ])), logger: testLogger)
            let rpc = RPCClient(configuration: environment.adminBroker, name: "test-reporting-rpc", logger: testLogger)
            let running = Task { await rpc.run() }
            defer {
                running.cancel()
            }
            #expect(await eventually { link.isConnected && rpc.link.isConnected })
            let administrator = try await Self.administrator(ofProvinceOf: story.agency)

            // Out of order and with repeats: each dossier's events shuffled, some sent twice.
            var rng = SystemRandomNumberGenerator()
            var deliveries = story.messages.shuffled(using: &rng)
            deliveries += story.messages.filter { _ in Bool.random(using: &rng) }
            for message in deliveries { try await link.publish(message) }
            let logged = try await withPostgres(role: "reporting") { client in
                await eventually(timeout: .seconds(30)) {
                    (try? await client.integer("SELECT count(*)::int FROM reporting.event_log WHERE subject LIKE \(story.agency + "-%")"))
                        == story.messages.count
                }
            }
            #expect(logged, "every event logged once")
            #expect(await eventually(timeout: .seconds(30)) {
                (try? await summary(rpc, story, caller: administrator).total.received.total) == 8
            })

            let report = try await summary(rpc, story, caller: administrator)
            Self.expectApril(report.total)
            #expect(report.items.count == 1)
            #expect(report.items.first?.group == story.agency)
            #expect(report.items.first.map { $0.received == report.total.received && $0.inProgress == report.total.inProgress } == true)
            #expect(report.items.first?.ratings == AprilStory.ratings)
            let byProcedure = try await summary(rpc, story, caller: administrator, groupBy: .procedure)
            #expect(byProcedure.items.map(\.group) == [AprilStory.procedure])
            #expect(byProcedure.items.first?.ratings == AprilStory.ratings)
            Self.expectApril(byProcedure.total)
            // D2's rating (17 April) is outside a report of May alone; D1's (1 May 05:00, still 30 April in UTC) is in it.
            let may = try await call(rpc, "summary", StatisticsQuery(from: "2026-05-01", to: "2026-05-31", groupBy: .agency, agency: story.agency),
                                     as: StatisticsReport.self, caller: administrator)
            #expect(may.total.ratings == RatingCounts(unsatisfied: 1), "\(may.total)")
            #expect(may.items.first { $0.group == story.agency }?.ratings == RatingCounts(unsatisfied: 1))

            let officers = try await call(rpc, "officers", PeriodQuery(from: "2026-04-01", to: "2026-04-30", agency: story.agency),
                                          as: OfficerReport.self, caller: administrator)
            let specialist = officers.items.first { $0.officerId == AprilStory.specialist.id }
            let leader = officers.items.first { $0.officerId == AprilStory.leader.id }
            #expect(specialist.map { ($0.handled, $0.onTime, $0.late) == (3, 3, 0) } == true, "\(officers)")
            #expect(leader.map { ($0.handled, $0.onTime, $0.late) == (4, 3, 1) } == true, "\(officers)")

            // Reception to resolution: D1 385 h, D2 319 h, D3 336 h, D4 241 h.
            let procedures = try await call(rpc, "procedures", PeriodQuery(from: "2026-04-01", to: "2026-04-30", agency: story.agency),
                                            as: ProcedureReport.self, caller: administrator)
            #expect(procedures.items.count == 1)
            #expect(procedures.items.first.map { ($0.resolved, $0.averageHours, $0.p50Hours, $0.p90Hours) == (4, 320.25, 327.5, 370.3) } == true,
                    "\(procedures)")

            // Open now: D5 (due 28 April) and D7 (due 6 May after its supplement) are overdue; D6 stands still.
            let overdue = try await call(rpc, "overdue", OverdueQuery(agency: story.agency), as: OverdueList.self, caller: administrator)
            #expect(overdue.items.map(\.code).sorted() == [story.code("D5"), story.code("D7")])
            #expect(overdue.total == 2)

            // Everything once more, as redelivered (same ids) and as re-emitted (new ids), newest first.
            for message in story.messages { try await link.publish(message) }
            for message in story.messages.reversed() {
                var again = message
                again.messageID = UUID().uuidString.lowercased()
                try await link.publish(again)
            }
            let relogged = try await withPostgres(role: "reporting") { client in
                await eventually(timeout: .seconds(30)) {
                    (try? await client.integer("SELECT count(*)::int FROM reporting.event_log WHERE subject LIKE \(story.agency + "-%")"))
                        == 2 * story.messages.count
                }
            }
            #expect(relogged)
            #expect(try await summary(rpc, story, caller: administrator) == report)
            #expect(try await call(rpc, "officers", PeriodQuery(from: "2026-04-01", to: "2026-04-30", agency: story.agency),
                                   as: OfficerReport.self, caller: administrator) == officers)

            // Rebuilt from the log: the same figures and the same rows.
            let rowsBefore = try await dossierRows(story)
            let rebuild = try Shell.runStatus(process.executableURL!.path, ["rebuild"], environment: reportingEnvironment)
            #expect(rebuild.0 == 0 && rebuild.1.contains("rebuilt read models"), "\(rebuild.1)")
            #expect(try await dossierRows(story) == rowsBefore)
            #expect(try await summary(rpc, story, caller: administrator) == report)
            #expect(try await call(rpc, "procedures", PeriodQuery(from: "2026-04-01", to: "2026-04-30", agency: story.agency),
                                   as: ProcedureReport.self, caller: administrator) == procedures)
            #expect(try await call(rpc, "officers", PeriodQuery(from: "2026-04-01", to: "2026-04-30", agency: story.agency),
                                   as: OfficerReport.self, caller: administrator) == officers)

            // Who may read: 401 anonymous, 403 a specialist, 400 naming a bad date.
            do {
                _ = try await summary(rpc, story, caller: .anonymous)
                Issue.record("an anonymous caller read the report")
            } catch let problem as Problem {
                #expect(problem.status == 401)
            }
            do {
                _ = try await summary(rpc, story, caller: Caller(userId: "u-1", kind: "staff",
                                                                assignments: [RoleAssignment(role: "specialist", orgUnit: "x")]))
                Issue.record("a specialist read the report")
            } catch let problem as Problem {
                #expect(problem.status == 403)
            }
            do {
                _ = try await call(rpc, "summary", StatisticsQuery(from: "2026-04-31", to: "2026-04-01", groupBy: .agency),
                                   as: StatisticsReport.self, caller: administrator)
                Issue.record("a bad date was accepted")
            } catch let problem as Problem {
                #expect(problem.status == 400)
                #expect(problem.errors?.map(\.field) == ["from"])
            }
            try await reportsStayWithinTheCallersProvinceAndUnits(rpc, story)
            await link.shutdown()
            await rpc.link.shutdown()
        }

        /// Issue 14, defect 8: an administrator (or any reader) sees the agencies of their own
        /// units only — a whole province from its root unit, never another province. Asking for an
        /// agency outside that scope is a 403 on every report; without an agency the figures
        /// leave it out.
        func reportsStayWithinTheCallersProvinceAndUnits(_ rpc: RPCClient, _ story: AprilStory) async throws {
            let province = try #require(ReportScope.levelOneCode(of: story.agency))
            let other = province == "Z99" ? "Z98" : "Z99"
            let foreign = try await Self.administrator(ofProvinceOf: "000.00.00.\(other)")
            let innerAgency = "000.00.99.\(province)"
            let inner = try await Self.administrator(ofUnit: "TEST-\(province)-SO", agency: innerAgency, under: "TEST-\(province)")
            let supervisor = Caller(userId: "test-supervisor", kind: "staff",
                                    assignments: [RoleAssignment(role: "supervisor", orgUnit: "TEST-\(province)")])
            #expect(try await summary(rpc, story, caller: supervisor).total.received.total == 8, "a supervisor of the province reads it")
            let period = PeriodQuery(from: "2026-04-01", to: "2026-04-30", agency: story.agency)
            for caller in [foreign, inner] where story.agency != innerAgency {
                let who = caller.assignments.first?.orgUnit ?? ""
                await expectForbidden("summary by \(who)") { _ = try await summary(rpc, story, caller: caller) }
                await expectForbidden("summary by procedure by \(who)") { _ = try await summary(rpc, story, caller: caller, groupBy: .procedure) }
                await expectForbidden("officers by \(who)") { _ = try await call(rpc, "officers", period, as: OfficerReport.self, caller: caller) }
                await expectForbidden("procedures by \(who)") { _ = try await call(rpc, "procedures", period, as: ProcedureReport.self, caller: caller) }
                await expectForbidden("overdue by \(who)") {
                    _ = try await call(rpc, "overdue", OverdueQuery(agency: story.agency), as: OverdueList.self, caller: caller)
                }
                await expectForbidden("dashboard by \(who)") {
                    _ = try await call(rpc, "dashboard", DashboardQuery(agency: story.agency, weeks: 2), as: Dashboard.self, caller: caller)
                }
                // Without an agency: only the caller's own agencies.
                func own(_ agency: String?) -> Bool {
                    caller == inner ? agency == innerAgency : ReportScope.levelOneCode(of: agency ?? "") == other
                }
                let all = try await call(rpc, "summary", StatisticsQuery(from: "2026-04-01", to: "2026-04-30", groupBy: .agency),
                                         as: StatisticsReport.self, caller: caller)
                #expect(all.items.allSatisfy { own($0.group) }, "\(who) sees only its own agencies: \(all.items.map(\.group))")
                let overdue = try await call(rpc, "overdue", OverdueQuery(), as: OverdueList.self, caller: caller)
                #expect(overdue.groups.allSatisfy { own($0.agencyCode) } && overdue.items.allSatisfy { own($0.agencyCode) })
                let officers = try await call(rpc, "officers", PeriodQuery(from: "2026-04-01", to: "2026-04-30"), as: OfficerReport.self,
                                              caller: caller)
                if caller == inner { #expect(officers.items.isEmpty, "the inner unit's agency has no dossiers: \(officers.items)") }
            }
        }

        func expectForbidden(_ what: String, _ body: () async throws -> Void) async {
            do {
                try await body()
                Issue.record("\(what) was answered")
            } catch let problem as Problem {
                #expect(problem.status == 403, "\(what): \(problem.status) \(problem.detail ?? "")")
            } catch {
                Issue.record("\(what): \(error)")
            }
        }

        /// An administrator of a province (a root unit `TEST-<code>` with agency `000.00.00.<code>`)
        /// written into reporting's copy of the org-unit tree, as identity would announce it.
        static func administrator(ofProvinceOf agency: String) async throws -> Caller {
            let province = try #require(ReportScope.levelOneCode(of: agency))
            return try await administrator(ofUnit: "TEST-\(province)", agency: "000.00.00.\(province)", under: nil)
        }

        /// An administrator of `unit`, written into reporting's org-unit copy with `agency` below `parent`.
        static func administrator(ofUnit unit: String, agency: String, under parent: String?) async throws -> Caller {
            let kind = parent == nil ? "province" : "agency"
            try await withPostgres(role: "reporting") { client in
                try await client.query("""
                    INSERT INTO reporting.org_units (code, name, kind, parent_code, agency_code, changed_at)
                    VALUES (\(unit), \(unit), \(kind), \(parent), \(agency), now())
                    ON CONFLICT (code) DO UPDATE SET kind = EXCLUDED.kind, parent_code = EXCLUDED.parent_code,
                        agency_code = EXCLUDED.agency_code, changed_at = EXCLUDED.changed_at
                    """, logger: testLogger)
            }
            return Caller(userId: "test-admin-\(unit)", kind: "staff", assignments: [RoleAssignment(role: "administrator", orgUnit: unit)])
        }

        /// April 2026 (see `AprilStory`), judged long after.
        static func expectApril(_ row: StatisticsRow) {
            #expect(row.ratings == AprilStory.ratings)  // D2 satisfied, D4 acceptable; D1's is in May
            #expect(row.received.carriedOver == 1)  // D1
            #expect(row.received.online == 4)  // D2 D5 D6 D7
            #expect(row.received.directOrPostal == 3)  // D3 D4 D9
            #expect(row.received.total == 8)
            #expect(row.resolved.total == 4)
            #expect(row.resolved.early == 2)  // D1, D3 (after its extension)
            #expect(row.resolved.onTime == 1)  // D2
            #expect(row.resolved.overdue == 1)  // D4
            #expect(row.inProgress.total == 3)
            #expect(row.inProgress.withinDeadline == 2)  // D6 suspended before its due date, D7 resumed with a new one
            #expect(row.inProgress.overdue == 1)  // D5
            #expect(row.refused == 1)  // D8
            #expect(row.withdrawn == 1)  // D9
            #expect(row.stopped == 0)
            #expect(row.onTimeRate == 75)
        }

        /// SIGTERM, then SIGKILL if it has not exited within three seconds (without identity running,
        /// its org-unit snapshot loop may hold up the graceful shutdown).
        static func stop(_ process: Process) {
            process.terminate()
            for _ in 0..<30 where process.isRunning { usleep(100_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }

        var reportingEnvironment: [String: String] {
            ["ONEGATE_DB_PORT": String(environment.dbPort), "ONEGATE_AMQP_PORT": String(environment.amqpPort)]
        }

        /// The reporting executable next to this test bundle (the scratch path being tested), else `.build/debug`.
        func launchReporting() throws -> Process {
            let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("reporting")
            let fallback = TestEnvironment.repositoryRoot.appendingPathComponent(".build/debug/reporting")
            let process = Process()
            process.executableURL = FileManager.default.isExecutableFile(atPath: here.path) ? here : fallback
            process.environment = ProcessInfo.processInfo.environment.merging(reportingEnvironment) { $1 }
            let logs = TestEnvironment.repositoryRoot.appendingPathComponent(".data/test/logs")
            try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
            let logURL = logs.appendingPathComponent("reporting-tests.log")
            _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
            let log = try FileHandle(forWritingTo: logURL)
            process.standardOutput = log
            process.standardError = log
            try process.run()
            return process
        }

        func summary(_ rpc: RPCClient, _ story: AprilStory, caller: Caller, groupBy: ReportGrouping = .agency) async throws -> StatisticsReport {
            try await call(rpc, "summary", StatisticsQuery(from: "2026-04-01", to: "2026-04-30", groupBy: groupBy, agency: story.agency),
                           as: StatisticsReport.self, caller: caller)
        }

        func call<Payload: Codable & Sendable, Reply: Codable & Sendable>(
            _ rpc: RPCClient, _ operation: String, _ payload: Payload, as reply: Reply.Type, caller: Caller
        ) async throws -> Reply {
            let body = try WireJSON.encode(RPCRequest(caller: caller, requestId: UUID().uuidString, payload: payload))
            let answer = try WireJSON.decode(RPCReply<Reply>.self,
                                             from: try await rpc.call(routingKey: "reporting.\(operation)", body: body, timeout: .seconds(10)))
            if let problem = answer.error { throw problem }
            return try #require(answer.ok)
        }

        /// The facts rows of the story's dossiers, as text, in code order.
        func dossierRows(_ story: AprilStory) async throws -> [String] {
            try await withPostgres(role: "reporting") { client in
                var rows: [String] = []
                for try await row in try await client.query("""
                    SELECT d::text FROM reporting.dossiers d WHERE agency_code = \(story.agency) ORDER BY code
                    """, logger: testLogger).decode(String.self) {
                    rows.append(row)
                }
                return rows
            }
        }
    }
}

/// Nine dossiers of one agency around April 2026, as processing would announce them:
/// - D1 counter, received 25 March, due 12 April, resolved 10 April → carried over, early;
/// - D2 online, received 2 April, due 15 April, resolved 15 April 16:00 → on time;
/// - D3 counter, due 10 April, extended to 20 April, resolved 17 April → early;
/// - D4 post, due 14 April, resolved 16 April → overdue;
/// - D5 online, received 20 April, due 28 April, open → overdue at the end of April;
/// - D6 online, due 15 April, supplement requested 9 April, still waiting → within deadline;
/// - D7 online, due 15 April, supplement 9 April, supplemented 13 April with a new due date 6 May → within;
/// - D8 online, refused at reception 9 April; D9 counter, received 10 April, withdrawn 13 April.
/// Rated by their applicants (`processing.dossier.rated`, on the Vietnam date of the rating): D2
/// satisfied on 17 April, D4 acceptable on 30 April 23:30, D1 unsatisfied on 1 May 05:00 (30 April in UTC).
struct AprilStory {
    let agency: String
    /// Every event, each with its own message id (built once: the ids are what redelivery repeats).
    let messages: [OutboundMessage]

    init(agency: String) {
        self.agency = agency
        self.messages = Self.messages(agency: agency)
    }
    static let procedure = "1.001193"
    /// The ratings given in April.
    static let ratings = RatingCounts(satisfied: 1, acceptable: 1)
    static let specialist = ActorRef(id: "u-spec", name: "Trần Thị Bích", role: "specialist", unit: "phong-tu-phap")
    static let leader = ActorRef(id: "u-lead", name: "Lê Văn Cường", role: "agency-leader", unit: "lanh-dao")
    static let head = ActorRef(id: "u-head", name: "Phạm Minh Đức", role: "department-head", unit: "phong-tu-phap")
    static let officer = ActorRef(id: "u-desk", name: "Nguyễn Thu Hà", role: "one-stop-officer", unit: "mot-cua")

    func code(_ name: String) -> String { Self.code(name, agency: agency) }

    static func code(_ name: String, agency: String) -> String { "\(agency)-260401-\(name)" }

    static func messages(agency: String) -> [OutboundMessage] {
        var all: [OutboundMessage] = []
        func at(_ month: Int, _ day: Int, _ hour: Int) -> Date {
            Moment(vietnam: LocalDate(year: 2026, month: month, day: day)!, hour: hour, minute: 0)!.date
        }
        func dossier(_ name: String, _ channel: SubmissionChannel, submitted: Date, _ steps: [(String, DossierState, Date, Date?, ActorRef)]) {
            let code = code(name, agency: agency)
            all.append(try! OutboundMessage.event(.dossierSubmitted, subject: code, sequence: 1, payload: DossierSubmitted(
                code: code, procedureCode: Self.procedure, procedureVersion: 1, agencyCode: agency, channel: channel,
                applicantKind: .citizen, applicantIdMasked: "567", submittedAt: submitted, lookupTokenHash: "x")))
            var sequence: Int64 = 1
            var state: DossierState?
            for (event, to, time, due, actor) in steps {
                let toSide = DossierStatusChanged.Side(status: to.nationalStatus, state: to.rawValue)
                let fromSide = state.map { DossierStatusChanged.Side(status: $0.nationalStatus, state: $0.rawValue) }
                if event != "status-changed" {
                    sequence += 1
                    let data: JSONValue = event == "assigned" ? .object(["assignee": .string(Self.specialist.id)]) : .object([:])
                    all.append(try! OutboundMessage.event(EventName(routingKey: "processing.dossier.\(event)"), subject: code, sequence: sequence,
                        payload: DossierStepEvent(code: code, action: event, actor: actor, at: time, from: fromSide ?? toSide, to: toSide,
                                                  step: nil, dueAt: due, agencyCode: agency, procedureCode: Self.procedure, channel: channel,
                                                  data: data, resultCodes: nil, form: nil)))
                }
                if fromSide?.code != toSide.code {
                    sequence += 1
                    all.append(try! OutboundMessage.event(.dossierStatusChanged, subject: code, sequence: sequence, payload: DossierStatusChanged(
                        code: code, from: fromSide, to: toSide, at: time, actor: actor.name, reason: nil, dueAt: due, agencyCode: agency,
                        procedureCode: Self.procedure, channel: channel, actorDetail: actor, action: event)))
                }
                state = to
            }
        }
        let (s, l, h, o) = (Self.specialist, Self.leader, Self.head, Self.officer)
        dossier("D1", .direct, submitted: at(3, 25, 9), [
            ("status-changed", .received, at(3, 25, 9), at(4, 12, 17), o),
            ("assigned", .inHandling, at(3, 26, 9), at(4, 12, 17), h),
            ("step-completed", .awaitingApproval, at(4, 8, 10), at(4, 12, 17), s),
            ("approved", .approved, at(4, 10, 10), at(4, 12, 17), l),
        ])
        dossier("D2", .online, submitted: at(4, 2, 8), [
            ("status-changed", .awaitingReception, at(4, 2, 8), nil, o),
            ("received", .received, at(4, 2, 9), at(4, 15, 17), o),
            ("assigned", .inHandling, at(4, 3, 9), at(4, 15, 17), h),
            ("step-completed", .awaitingApproval, at(4, 14, 10), at(4, 15, 17), s),
            ("approved", .approved, at(4, 15, 16), at(4, 15, 17), l),
            ("result-returned", .returned, at(4, 16, 9), at(4, 15, 17), o),
        ])
        dossier("D3", .direct, submitted: at(4, 3, 9), [
            ("status-changed", .received, at(4, 3, 9), at(4, 10, 17), o),
            ("assigned", .inHandling, at(4, 3, 10), at(4, 10, 17), h),
            ("extended", .inHandling, at(4, 8, 10), at(4, 20, 17), l),
            ("step-completed", .awaitingApproval, at(4, 16, 10), at(4, 20, 17), s),
            ("approved", .approved, at(4, 17, 9), at(4, 20, 17), l),
        ])
        dossier("D4", .postal, submitted: at(4, 6, 8), [
            ("status-changed", .awaitingReception, at(4, 6, 8), nil, o),
            ("received", .received, at(4, 6, 9), at(4, 14, 17), o),
            ("assigned", .inHandling, at(4, 7, 9), at(4, 14, 17), h),
            ("approved", .approved, at(4, 16, 10), at(4, 14, 17), l),
        ])
        dossier("D5", .online, submitted: at(4, 20, 8), [
            ("status-changed", .awaitingReception, at(4, 20, 8), nil, o),
            ("received", .received, at(4, 20, 9), at(4, 28, 17), o),
        ])
        dossier("D6", .online, submitted: at(4, 8, 8), [
            ("status-changed", .awaitingReception, at(4, 8, 8), nil, o),
            ("received", .received, at(4, 8, 9), at(4, 15, 17), o),
            ("supplement-requested", .supplementRequestedDuringHandling, at(4, 9, 10), at(4, 15, 17), s),
        ])
        dossier("D7", .online, submitted: at(4, 8, 8), [
            ("status-changed", .awaitingReception, at(4, 8, 8), nil, o),
            ("received", .received, at(4, 8, 9), at(4, 15, 17), o),
            ("supplement-requested", .supplementRequestedDuringHandling, at(4, 9, 10), at(4, 15, 17), s),
            ("supplemented", .inHandling, at(4, 13, 10), at(5, 6, 17), o),
        ])
        dossier("D8", .online, submitted: at(4, 9, 8), [
            ("status-changed", .awaitingReception, at(4, 9, 8), nil, o),
            ("refused", .refused, at(4, 9, 10), nil, o),
        ])
        dossier("D9", .direct, submitted: at(4, 10, 9), [
            ("status-changed", .received, at(4, 10, 9), at(4, 24, 17), o),
            ("withdrawn", .withdrawn, at(4, 13, 9), at(4, 24, 17), o),
        ])
        for (name, rating, ratedAt) in [("D2", RatingValue.satisfied, at(4, 17, 10)), ("D4", .acceptable, at(4, 30, 23).addingTimeInterval(1_800)),
                                        ("D1", .unsatisfied, at(5, 1, 5))] {
            let code = code(name, agency: agency)
            all.append(try! OutboundMessage.event(.dossierRated, subject: code, sequence: 100, payload: DossierRated(
                code: code, agencyCode: agency, procedureCode: Self.procedure, rating: rating, ratedAt: ratedAt)))
        }
        return all
    }
}

extension OutboundMessage {
    /// An event as a service's outbox would publish it.
    static func event<Payload: Codable & Sendable>(_ name: EventName, subject: String, sequence: Int64, payload: Payload) throws -> OutboundMessage {
        let message = try OutboxMessage.event(name, source: .processing, subject: subject, sequence: sequence, payload: payload,
                                              correlationID: nil)
        return OutboundMessage(exchange: message.exchange, routingKey: message.routingKey, body: message.body,
                               messageID: message.messageID.uuidString.lowercased(), type: message.type)
    }
}
