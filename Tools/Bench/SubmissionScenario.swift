import Foundation

/// The dossier code and lookup token of a 201 receipt.
struct Receipt: Decodable, Sendable {
    var code: String
    var lookupToken: String?
}

/// Scenario a: online submissions end to end. A closed loop of citizens submitting (each with
/// its own Idempotency-Key), then the drain: how long until processing shows every accepted
/// dossier in the officer's queue and reporting counts it.
struct SubmissionScenario: Sendable {
    let gateway: GatewayClient
    let users: DemoUsers

    /// How far behind processing and reporting were when the load stopped, and how they caught up.
    struct Drain: Codable, Sendable {
        var expected: Int
        var drained: Bool
        /// From the end of the load until both had every accepted dossier (or the wait ran out).
        var seconds: Double
        var processingSeconds: Double?
        var reportingSeconds: Double?
        var processingSeen: Int
        var reportingCounted: Int
    }

    struct Result: Sendable {
        var loop: ClosedLoop.Result
        var receipts: [Receipt]
        var drain: Drain
    }

    /// The officer's queue total and reporting's intake count for the demo agency now.
    func counts() async throws -> (processing: Int, reporting: Int) {
        struct Total: Decodable { var total: Int }
        let queue = await gateway.get("/api/v1/dossiers?agency=\(DemoProcedure.agency)&pageSize=1", token: users.token("officer"))
        let counted = await gateway.get("/api/v1/reports/intake-counts?agency=\(DemoProcedure.agency)")
        guard let processing = queue.decode(Total.self)?.total, let reporting = counted.decode(Total.self)?.total else {
            throw BenchFailure("cannot read the queue total (\(queue.errorReason ?? "?")) or the intake count (\(counted.errorReason ?? "?"))")
        }
        return (processing, reporting)
    }

    func run(workers: Int, duration: Duration, maxRequests: Int, drainTimeout: Duration,
             before: (processing: Int, reporting: Int), loadEnded: @Sendable () -> Void) async throws -> Result {
        let receipts = Locked<[Receipt]>([])
        let citizen = users.token("citizen")
        let documents = try await DemoProcedure.uploadDocuments(gateway, token: citizen)
        let loop = await ClosedLoop.run(workers: workers, duration: duration, maxRequests: maxRequests) { _, _ in
            let reply = await gateway.postJSON("/api/v1/dossiers", DemoProcedure.submission(documents: documents), token: citizen,
                                               headers: [("Idempotency-Key", "bench-\(UUID().uuidString)")])
            guard reply.status == 201 else { return reply.isSuccess ? .failed("HTTP \(reply.status ?? 0) (not 201)", reply.milliseconds) : reply.outcome }
            guard let receipt = reply.decode(Receipt.self) else { return .failed("201 without a code", reply.milliseconds) }
            receipts.withLock { $0.append(receipt) }
            return reply.outcome
        }
        loadEnded()
        let accepted = receipts.value
        let drain = try await waitForDrain(expected: accepted.count, before: before, timeout: drainTimeout)
        return Result(loop: loop, receipts: accepted, drain: drain)
    }

    private func waitForDrain(expected: Int, before: (processing: Int, reporting: Int), timeout: Duration) async throws -> Drain {
        let clock = ContinuousClock()
        let started = clock.now
        var drain = Drain(expected: expected, drained: false, seconds: 0, processingSeconds: nil, reportingSeconds: nil,
                          processingSeen: 0, reportingCounted: 0)
        while true {
            if let now = try? await counts() {
                let elapsed = (clock.now - started).seconds
                drain.processingSeen = now.processing - before.processing
                drain.reportingCounted = now.reporting - before.reporting
                if drain.processingSeconds == nil, drain.processingSeen >= expected { drain.processingSeconds = elapsed }
                if drain.reportingSeconds == nil, drain.reportingCounted >= expected { drain.reportingSeconds = elapsed }
                if drain.processingSeconds != nil, drain.reportingSeconds != nil {
                    drain.drained = true
                    drain.seconds = elapsed
                    return drain
                }
            }
            if clock.now - started >= timeout {
                drain.seconds = (clock.now - started).seconds
                return drain
            }
            try await Task.sleep(for: .milliseconds(250))
        }
    }
}
