import Foundation

/// Scenario c: officers take K of the submitted dossiers through the whole process — receive,
/// transfer, assign, complete the step, approve, upload the result file, issue the result and
/// return it — as the demo users whose roles each step needs. Latency per action; each status
/// change is remembered so scenario e can match the partner's webhook deliveries to it.
struct WorkflowScenario: Sendable {
    let gateway: GatewayClient
    let users: DemoUsers

    /// One step of the chain: who does it and with what body.
    struct Step: Sendable {
        var action: String
        var user: String
        var body: String?
    }

    /// A status change an action caused (the national status moved), with when it was asked and answered.
    struct Change: Sendable {
        var code: String
        var action: String
        var sent: ContinuousClock.Instant
        var answered: ContinuousClock.Instant
    }

    struct Result: Sendable {
        /// Latency per action, in chain order.
        var actions: [(name: String, tally: Tally)]
        var changes: [Change]
        var dossiers: Int
        var completed: Int
        var seconds: Double
    }

    static let before: [Step] = [
        Step(action: "receive", user: "officer"),
        Step(action: "transfer", user: "officer"),
        Step(action: "assign", user: "head", body: #"{"assignee": "specialist"}"#),
        Step(action: "complete-step", user: "specialist", body: #"{"note": "Hồ sơ hợp lệ"}"#),
        Step(action: "approve", user: "leader"),
    ]
    static let upload = "upload-result"
    static let after: [Step] = [
        Step(action: "return-result", user: "officer", body: #"{"channel": "direct"}"#),
    ]
    static var actionNames: [String] { before.map(\.action) + [upload, "issue-result"] + after.map(\.action) }

    func run(codes: [String], workers: Int, timeLimit: Duration) async -> Result {
        let clock = ContinuousClock()
        let started = clock.now
        let deadline = started + timeLimit
        let next = SharedCounter()
        let changes = Locked<[Change]>([])
        let results = await withTaskGroup(of: (tallies: [String: Tally], completed: Int).self) { group in
            for _ in 0..<max(1, min(workers, codes.count)) {
                group.addTask {
                    var tallies: [String: Tally] = [:]
                    var completed = 0
                    while clock.now < deadline {
                        let index = next.next()
                        guard index < codes.count else { break }
                        if await process(codes[index], tallies: &tallies, changes: changes) { completed += 1 }
                    }
                    return (tallies, completed)
                }
            }
            var merged: [String: Tally] = [:]
            var completed = 0
            for await result in group {
                merged.merge(result.tallies) { var first = $0; first.merge($1); return first }
                completed += result.completed
            }
            return (merged, completed)
        }
        let taken = min(codes.count, next.value)
        return Result(actions: Self.actionNames.map { ($0, results.0[$0] ?? Tally()) },
                      changes: changes.value, dossiers: taken, completed: results.1, seconds: (clock.now - started).seconds)
    }

    /// Takes one dossier through the chain; false when a step failed (the rest is skipped).
    private func process(_ code: String, tallies: inout [String: Tally], changes: Locked<[Change]>) async -> Bool {
        for step in Self.before {
            guard await act(code, step, tallies: &tallies, changes: changes) else { return false }
        }
        let pdf = Data("%PDF-1.4\n% onegate bench result for \(code)\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".utf8)
        let uploaded = await gateway.send(.POST, "/api/v1/documents", body: pdf, token: users.token("leader"),
                                          headers: [("X-Filename", "ket-qua.pdf")], contentType: "application/pdf")
        tallies[Self.upload, default: Tally()].record(uploaded.outcome)
        struct Document: Decodable { var id: String }
        guard let document = uploaded.decode(Document.self) else { return false }
        let issue = Step(action: "issue-result", user: "leader", body: #"{"resultDocuments": ["\#(document.id)"]}"#)
        guard await act(code, issue, tallies: &tallies, changes: changes) else { return false }
        for step in Self.after {
            guard await act(code, step, tallies: &tallies, changes: changes) else { return false }
        }
        return true
    }

    private func act(_ code: String, _ step: Step, tallies: inout [String: Tally], changes: Locked<[Change]>) async -> Bool {
        struct Side: Decodable { var code: Int }
        struct Outcome: Decodable { var from: Side; var to: Side }
        let sent = ContinuousClock.now
        let reply = await gateway.send(.POST, "/api/v1/dossiers/\(code)/\(step.action)", body: step.body.map { Data($0.utf8) },
                                       token: users.token(step.user))
        let answered = ContinuousClock.now
        tallies[step.action, default: Tally()].record(reply.outcome)
        guard reply.isSuccess else { return false }
        if let outcome = reply.decode(Outcome.self), outcome.from.code != outcome.to.code {
            changes.withLock { $0.append(Change(code: code, action: step.action, sent: sent, answered: answered)) }
        }
        return true
    }
}
