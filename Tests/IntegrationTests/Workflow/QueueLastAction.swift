import Contracts
import Domain
import Foundation
import Messaging
import Testing

extension Integration.WorkflowTests {
    /// Issue 16, the workspace's "supplements received" tab: `processing.queue` with `lastAction`
    /// lists a dossier whose newest history row is that action, and no longer once the officer
    /// acted on it; `order: due-desc` sorts the latest due first; an unknown action or order is a
    /// validation error naming the field.
    func queueByLastAction(_ desk: Desk) async throws {
        let rpc = RPCClient(configuration: TestEnvironment.shared.adminBroker, name: "test-queue-rpc", logger: testLogger)
        let running = Task { await rpc.run() }
        defer { running.cancel() }
        #expect(await eventually { rpc.link.isConnected })
        let officer = try await desk.caller("officer")

        let (code, token) = try await desk.submission()
        let waiting = try await desk.submit()
        try await desk.act(code, "request-supplement", as: "officer", #"{"missingItems": ["Bản chính Giấy chứng sinh"]}"#)
        try await desk.act(waiting, "request-supplement", as: "officer", #"{"missingItems": ["Bản sao căn cước"]}"#)
        func supplemented() async throws -> [String] {
            let page: Page<WorkQueueItem> = try await queue(rpc, WorkQueueQuery(page: 1, pageSize: 100, lastAction: "supplement"), caller: officer)
            return page.items.map(\.code)
        }
        #expect(try await !supplemented().contains(code), "asked, not yet supplied")
        let body = try JSONDecoder().decode(JSONValue.self, from: Data(#"{"supplied": ["bản chính đã nộp lại"]}"#.utf8))
        let _: ActionOutcome = try await queue(rpc, DossierActionCommand(code: code, action: "supplement", body: body, lookupToken: token),
                                               caller: .anonymous, operation: "act")
        let after = try await supplemented()
        #expect(after.contains(code) && !after.contains(waiting), "\(after)")
        let requested: Page<WorkQueueItem> = try await queue(rpc, WorkQueueQuery(page: 1, pageSize: 100, lastAction: "request-supplement"),
                                                             caller: officer)
        #expect(requested.items.map(\.code).contains(waiting) && !requested.items.map(\.code).contains(code))

        try await desk.act(code, "receive", as: "officer")
        #expect(try await !supplemented().contains(code), "received: no longer a supplement to look at")

        // Sorted by due date both ways: received dossiers with a due date, those without one last.
        let soonest: Page<WorkQueueItem> = try await queue(rpc, WorkQueueQuery(page: 1, pageSize: 100), caller: officer)
        let latest: Page<WorkQueueItem> = try await queue(rpc, WorkQueueQuery(page: 1, pageSize: 100, order: "due-desc"), caller: officer)
        let dueSoonest = soonest.items.compactMap(\.dueAt), dueLatest = latest.items.compactMap(\.dueAt)
        #expect(dueSoonest.count >= 1 && dueSoonest == dueSoonest.sorted(), "\(dueSoonest)")
        #expect(dueLatest == dueLatest.sorted(by: >), "\(dueLatest)")
        if let firstWithout = latest.items.firstIndex(where: { $0.dueAt == nil }) {
            #expect(latest.items[firstWithout...].allSatisfy { $0.dueAt == nil }, "without a due date last")
        }
        #expect(soonest.total == latest.total)

        // The tabs' counts (kept per agency, state, assignee and supplemented, migration 0009) are the
        // rows the same queries list, page by page, and `queue.counts` gives each query's total.
        let tabs = [WorkQueueQuery(page: 1, pageSize: 100), WorkQueueQuery(status: [2], state: "received", page: 1, pageSize: 100),
                    WorkQueueQuery(status: [1], state: "awaiting-reception", page: 1, pageSize: 100, lastAction: "supplement"),
                    WorkQueueQuery(state: "supplement-requested-at-reception", page: 1, pageSize: 100),
                    WorkQueueQuery(assignee: "me", page: 1, pageSize: 100),
                    WorkQueueQuery(procedure: "1.001193", page: 1, pageSize: 100)]
        var listed: [Int] = []
        for tab in tabs {
            var query = tab, rows = 0, total = 0
            repeat {
                let page: Page<WorkQueueItem> = try await queue(rpc, query, caller: officer)
                rows += page.items.count
                total = page.total
                query.page += 1
            } while (query.page - 1) * query.pageSize < total
            #expect(rows == total, "\(tab): \(rows) listed, total \(total)")
            listed.append(rows)
        }
        let counted: WorkQueueCounts = try await queue(rpc, WorkQueueCountsQuery(queries: tabs), caller: officer, operation: "queue.counts")
        #expect(counted.totals == listed)

        for (query, field) in [(WorkQueueQuery(page: 1, pageSize: 10, lastAction: "dance"), "lastAction"),
                               (WorkQueueQuery(page: 1, pageSize: 10, order: "name"), "order")] {
            do {
                let _: Page<WorkQueueItem> = try await queue(rpc, query, caller: officer)
                Issue.record("\(field): an unknown value was accepted")
            } catch let problem as Problem {
                #expect(problem.status == 400 && problem.errors?.first?.field == field, "\(problem)")
            }
        }
    }

    private func queue<Payload: Codable & Sendable, Reply: Codable & Sendable>(
        _ rpc: RPCClient, _ payload: Payload, caller: Caller, operation: String = "queue"
    ) async throws -> Reply {
        let body = try WireJSON.encode(RPCRequest(caller: caller, requestId: UUID().uuidString, payload: payload))
        let answer = try WireJSON.decode(RPCReply<Reply>.self,
                                         from: try await rpc.call(routingKey: "processing.\(operation)", body: body, timeout: .seconds(10)))
        if let problem = answer.error { throw problem }
        return try #require(answer.ok)
    }
}
