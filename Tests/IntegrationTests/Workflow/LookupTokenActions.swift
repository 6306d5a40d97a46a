import Contracts
import Domain
import Foundation
import Messaging
import Testing

extension Integration.WorkflowTests {
    /// Issue 15: the lookup token's holder follows, answers a supplement request and withdraws
    /// (`processing.act` with `lookupToken`, as an anonymous caller) and nothing else; the owner
    /// signed in reads the status without the token, with what the dossier waits for
    /// (`applicantTask`); "my dossiers" (`queue` with `mine`) lists the owner's dossiers newest first.
    func lookupTokenActions(_ desk: Desk) async throws {
        let rpc = RPCClient(configuration: TestEnvironment.shared.adminBroker, name: "test-token-rpc", logger: testLogger)
        let running = Task { await rpc.run() }
        defer { running.cancel() }
        #expect(await eventually { rpc.link.isConnected })

        let (code, token) = try await desk.submission()
        #expect(try await desk.status(code).code == 1)
        let owner = try await Self.ownerCaller(of: code)
        let stranger = Caller(userId: "someone-else", kind: "citizen", assignments: [RoleAssignment(role: "citizen", orgUnit: "PUBLIC")])
        #expect(try await status(rpc, code, token: token).applicantTask == nil)
        #expect(try await status(rpc, code, token: nil, caller: owner).code == code, "the owner reads it without the token")
        try await expectRefusal(404) { _ = try await status(rpc, code, token: nil, caller: stranger) }
        try await expectRefusal(401) { _ = try await status(rpc, code, token: nil) }

        try await desk.act(code, "request-supplement", as: "officer", #"{"missingItems": ["Bản chính Giấy chứng sinh", "Bản sao căn cước"]}"#)
        let asked = try await status(rpc, code, token: token)
        #expect(asked.applicantTask?.kind == .supplement && asked.applicantTask?.missingItems == ["Bản chính Giấy chứng sinh", "Bản sao căn cước"],
                "\(String(describing: asked.applicantTask))")

        // Only withdraw and supplement, only with the dossier's own token; signed-in callers keep their roles.
        try await expectRefusal(403) { _ = try await act(rpc, code, "receive", nil, token: token) }
        try await expectRefusal(404) { _ = try await act(rpc, code, "supplement", #"{"supplied": ["x"]}"#, token: "AAAAAAAAAAAAAAAAAAAAAA") }
        try await expectRefusal(401) { _ = try await act(rpc, code, "supplement", #"{"supplied": ["x"]}"#, token: nil) }
        try await expectRefusal(404) { _ = try await act(rpc, code, "supplement", #"{"supplied": ["x"]}"#, token: token, caller: stranger) }
        let supplied = try await act(rpc, code, "supplement", #"{"supplied": ["bản chính đã nộp lại"]}"#, token: token)
        #expect(supplied.to.state == DossierState.awaitingReception.rawValue)
        let history = try await status(rpc, code, token: token).history
        #expect(history.last?.action == "supplement" && history.last?.actor == "Nguyễn Thị Hồng Nhung", "\(String(describing: history.last))")

        // A second dossier waiting for a payment: the owner sees the amount; it comes first among theirs.
        let second = try await desk.submit()
        try await desk.bringIntoHandling(second)
        try await desk.act(second, "request-payment", as: "specialist", #"{"amount": 200000}"#)
        let pay = try await status(rpc, second, token: nil, caller: owner).applicantTask
        #expect(pay?.kind == .pay && pay?.amount == 200000, "\(String(describing: pay))")
        let mine: Page<WorkQueueItem> = try await call(rpc, "queue", WorkQueueQuery(page: 1, pageSize: 2, mine: true), caller: owner)
        #expect(mine.items.map(\.code) == [second, code], "newest first: \(mine.items.map(\.code))")

        let withdrawn = try await act(rpc, code, "withdraw", #"{"reason": "Nộp nhầm thủ tục"}"#, token: token)
        #expect(withdrawn.to.state == DossierState.withdrawn.rawValue)
        #expect(try await desk.status(code).code == 7)
        try await expectRefusal(409) { _ = try await act(rpc, code, "withdraw", #"{"reason": "again"}"#, token: token) }
    }

    private func status(_ rpc: RPCClient, _ code: String, token: String?, caller: Caller = .anonymous) async throws -> CaseView {
        try await call(rpc, "status", DossierLookup(code: code, lookupToken: token), caller: caller)
    }

    private func act(_ rpc: RPCClient, _ code: String, _ action: String, _ body: String?, token: String?,
                     caller: Caller = .anonymous) async throws -> ActionOutcome {
        let json = try body.map { try JSONDecoder().decode(JSONValue.self, from: Data($0.utf8)) } ?? .null
        return try await call(rpc, "act", DossierActionCommand(code: code, action: action, body: json, lookupToken: token), caller: caller)
    }

    private func call<Payload: Codable & Sendable, Reply: Codable & Sendable>(
        _ rpc: RPCClient, _ operation: String, _ payload: Payload, caller: Caller
    ) async throws -> Reply {
        let body = try WireJSON.encode(RPCRequest(caller: caller, requestId: UUID().uuidString, payload: payload))
        let answer = try WireJSON.decode(RPCReply<Reply>.self,
                                         from: try await rpc.call(routingKey: "processing.\(operation)", body: body, timeout: .seconds(10)))
        if let problem = answer.error { throw problem }
        return try #require(answer.ok)
    }

    private func expectRefusal(_ status: Int, sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void) async throws {
        do {
            try await body()
            Issue.record("answered instead of \(status)", sourceLocation: sourceLocation)
        } catch let problem as Problem {
            #expect(problem.status == status, "\(problem)", sourceLocation: sourceLocation)
        }
    }
}
