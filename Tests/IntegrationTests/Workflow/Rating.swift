import Contracts
import Domain
import Foundation
import Messaging
import PostgresNIO
import Testing

extension Integration.WorkflowTests {
    /// Issue 15, "Rating": once the result is returned the applicant rates the handling once
    /// (`processing.rate`, by the lookup token or signed in as the owner); before that, a second
    /// time, with a wrong token or as someone else it is refused; the event carries no comment,
    /// and the statistical report counts the ratings per agency and per procedure.
    func ratingOnceAfterReturn(_ desk: Desk) async throws {
        let rpc = RPCClient(configuration: TestEnvironment.shared.adminBroker, name: "test-rating-rpc", logger: testLogger)
        let running = Task { await rpc.run() }
        defer { running.cancel() }
        #expect(await eventually { rpc.link.isConnected })
        let today = Moment(Date()).vietnamDate.description
        let before = try await RatingFigures.read(desk, day: today)

        let (code, token) = try await desk.submission()
        try await expectProblem(409, "Not rateable yet") { _ = try await rate(rpc, code, token: token, "satisfied") }
        #expect(try await state(rpc, code, token: token).canRate == false, "no form before the result is returned")
        try await desk.bringIntoHandling(code)
        try await desk.act(code, "complete-step", as: "specialist")
        try await desk.act(code, "approve", as: "leader")
        try await desk.act(code, "issue-result", as: "leader", #"{"resultDocuments": ["\#(UUID().uuidString.lowercased())"]}"#)
        try await expectProblem(409, "Not rateable yet") { _ = try await rate(rpc, code, token: token, "satisfied") }  // status 9
        try await desk.act(code, "return-result", as: "officer", #"{"channel": "direct"}"#)
        #expect(try await desk.status(code).code == 10)
        let open = try await state(rpc, code, token: token)
        #expect(open.canRate && open.rating == nil, "\(open)")

        // Nobody but the token's holder or the owner; nothing but the three answers.
        try await expectProblem(404, "Not found") { _ = try await rate(rpc, code, token: "AAAAAAAAAAAAAAAAAAAAAA", "satisfied") }
        try await expectProblem(404, "Not found") { _ = try await state(rpc, code, token: "AAAAAAAAAAAAAAAAAAAAAA") }
        try await expectProblem(401, "Lookup token required") { _ = try await rate(rpc, code, token: nil, "satisfied") }
        let stranger = Caller(userId: "someone-else", kind: "citizen", assignments: [RoleAssignment(role: "citizen", orgUnit: "PUBLIC")])
        try await expectProblem(404, "Not found") { _ = try await rate(rpc, code, token: nil, "satisfied", caller: stranger) }
        try await expectProblem(400, "Validation failed", fields: ["rating"]) { _ = try await rate(rpc, code, token: token, "great") }
        try await expectProblem(400, "Validation failed", fields: ["comment"]) {
            _ = try await rate(rpc, code, token: token, "satisfied", comment: String(repeating: "ệ", count: 1_001))
        }
        #expect(try await state(rpc, code, token: token).canRate, "the refusals changed nothing")

        let comment = "Cán bộ hướng dẫn tận tình, trả kết quả sớm."
        let rated = try await rate(rpc, code, token: token, "satisfied", comment: "  \(comment)\n")
        #expect(rated.code == code && rated.rating == .satisfied && rated.comment == comment)
        try await expectProblem(409, "Already rated") { _ = try await rate(rpc, code, token: token, "unsatisfied") }
        let owner = try await Self.ownerCaller(of: code)
        try await expectProblem(409, "Already rated") { _ = try await rate(rpc, code, token: nil, "unsatisfied", caller: owner) }
        let done = try await state(rpc, code, token: token)
        #expect(!done.canRate && done.rating == rated, "\(done)")
        #expect(try await state(rpc, code, token: nil, caller: owner) == done, "the owner signed in sees the same")

        // A second dossier, rated by its owner signed in, without the token.
        let second = try await desk.submit()
        try await desk.bringIntoHandling(second)
        try await desk.act(second, "complete-step", as: "specialist")
        try await desk.act(second, "approve", as: "leader")
        try await desk.act(second, "issue-result", as: "leader", #"{"resultDocuments": ["\#(UUID().uuidString.lowercased())"]}"#)
        try await desk.act(second, "return-result", as: "officer", #"{"channel": "postal"}"#)
        let secondOwner = try await Self.ownerCaller(of: second)
        #expect(try await rate(rpc, second, token: nil, "acceptable", caller: secondOwner).rating == .acceptable)

        // The event reaches reporting with the answer only: no comment.
        let logged = try await withPostgres(role: "reporting") { client in
            var bodies: [String] = []
            _ = await eventually(timeout: .seconds(20)) {
                bodies = []
                let rows = try? await client.query("""
                    SELECT body::text FROM reporting.event_log WHERE subject = \(code) AND routing_key = 'processing.dossier.rated'
                    """, logger: testLogger).decode(String.self)
                if let rows { do { for try await body in rows { bodies.append(body) } } catch {} }
                return bodies.count == 1
            }
            return bodies
        }
        #expect(logged.count == 1, "one rated event: \(logged)")
        #expect(logged.allSatisfy { $0.contains(#""rating": "satisfied""#) || $0.contains(#""rating":"satisfied""#) }, "\(logged)")
        #expect(logged.allSatisfy { !$0.contains("Cán bộ") && !$0.contains("comment") }, "no comment in the event: \(logged)")

        // Counted today, per agency and per procedure (both dossiers are the demo birth registration at Sở Tư pháp).
        let expected = before.adding(satisfied: 1, acceptable: 1)
        var after = before
        let counted = await eventually(timeout: .seconds(20)) {
            after = (try? await RatingFigures.read(desk, day: today)) ?? before
            return after == expected
        }
        #expect(counted, "ratings counted in the report: before \(before), after \(after)")
    }

    /// One `processing.<operation>` call with `caller`, its problem thrown.
    private func call<Payload: Codable & Sendable, Reply: Codable & Sendable>(
        _ rpc: RPCClient, _ operation: String, _ payload: Payload, caller: Caller
    ) async throws -> Reply {
        let body = try WireJSON.encode(RPCRequest(caller: caller, requestId: UUID().uuidString, payload: payload))
        let answer = try WireJSON.decode(RPCReply<Reply>.self,
                                         from: try await rpc.call(routingKey: "processing.\(operation)", body: body, timeout: .seconds(10)))
        if let problem = answer.error { throw problem }
        return try #require(answer.ok)
    }

    private func rate(_ rpc: RPCClient, _ code: String, token: String?, _ rating: String, comment: String? = nil,
                      caller: Caller = .anonymous) async throws -> DossierRatingView {
        try await call(rpc, "rate", DossierRatingCommand(code: code, lookupToken: token, rating: rating, comment: comment), caller: caller)
    }

    private func state(_ rpc: RPCClient, _ code: String, token: String?, caller: Caller = .anonymous) async throws -> DossierRatingState {
        try await call(rpc, "rating", DossierLookup(code: code, lookupToken: token), caller: caller)
    }

    private func expectProblem(_ status: Int, _ title: String, fields: [String]? = nil, sourceLocation: SourceLocation = #_sourceLocation,
                               _ body: () async throws -> Void) async throws {
        do {
            try await body()
            Issue.record("answered instead of \(status) \(title)", sourceLocation: sourceLocation)
        } catch let problem as Problem {
            #expect(problem.status == status && problem.title == title, "\(problem)", sourceLocation: sourceLocation)
            if let fields { #expect(problem.errors?.map(\.field) == fields, "\(problem)", sourceLocation: sourceLocation) }
        }
    }

    /// The dossier's owner as the gateway would pass them: the citizen signed in.
    static func ownerCaller(of code: String) async throws -> Caller {
        let owner: String? = try await withPostgres(role: "processing") { client -> String? in
            var owner: String?
            for try await id in try await client.query("SELECT owner_id FROM processing.cases WHERE code = \(code)",
                                                       logger: testLogger).decode(String?.self) {
                owner = id
            }
            return owner
        }
        let userId = try #require(owner, "\(code) has an owner")
        return Caller(userId: userId, kind: "citizen",
                      assignments: [RoleAssignment(role: "citizen", orgUnit: "PUBLIC")])
    }
}

/// The day's rating counts of the demo birth registration at Sở Tư pháp, from
/// `GET /api/v1/reports/summary` as the province's administrator: the agency's row, the
/// procedure's row and the total of each grouping.
private struct RatingFigures: Equatable, CustomStringConvertible {
    var agency: [String: Int]
    var agencyTotal: [String: Int]
    var procedure: [String: Int]
    var procedureTotal: [String: Int]

    var description: String { "agency \(agency) (total \(agencyTotal)), procedure \(procedure) (total \(procedureTotal))" }

    static func read(_ desk: Desk, day: String) async throws -> RatingFigures {
        func counts(_ groupBy: String, _ group: String) async throws -> (row: [String: Int], total: [String: Int]) {
            let report = try await desk.get("/api/v1/reports/summary?from=\(day)&to=\(day)&groupBy=\(groupBy)&agency=\(Desk.justice)",
                                            as: "admin")
            #expect(report.status == 200, "summary: \(String(decoding: report.body, as: UTF8.self))")
            let items = (report.json?["items"] as? [[String: Any]]) ?? []
            let row = items.first { $0["group"] as? String == group }?["ratings"] as? [String: Int] ?? [:]
            let total = (report.json?["total"] as? [String: Any])?["ratings"] as? [String: Int] ?? [:]
            return (row, total)
        }
        let byAgency = try await counts("agency", Desk.justice)
        let byProcedure = try await counts("procedure", Desk.birth)
        return RatingFigures(agency: byAgency.row, agencyTotal: byAgency.total, procedure: byProcedure.row, procedureTotal: byProcedure.total)
    }

    /// The figures with these ratings more on every row and total.
    func adding(satisfied: Int, acceptable: Int) -> RatingFigures {
        func add(_ counts: [String: Int]) -> [String: Int] {
            ["satisfied": (counts["satisfied"] ?? 0) + satisfied, "acceptable": (counts["acceptable"] ?? 0) + acceptable,
             "unsatisfied": counts["unsatisfied"] ?? 0, "total": (counts["total"] ?? 0) + satisfied + acceptable]
        }
        return RatingFigures(agency: add(agency), agencyTotal: add(agencyTotal), procedure: add(procedure), procedureTotal: add(procedureTotal))
    }
}
