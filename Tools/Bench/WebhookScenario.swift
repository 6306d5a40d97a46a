import Foundation

/// Scenario e: a partner subscribed to `dossier.status-changed` for the demo agency while the
/// officers work (scenario c). Every status change an action answered is expected once at the
/// receiver; the delay is measured from the action's request (an upper bound of the commit,
/// which happens before the answer) and from its answer (a lower bound).
struct WebhookScenario: Sendable {
    let gateway: GatewayClient
    let users: DemoUsers
    let receiver: WebhookReceiver

    struct Result: Codable, Sendable {
        var expected: Int
        var received: Int
        /// Deliveries of the same event id more than once (allowed: at-least-once; counted).
        var duplicates: Int
        var waitedSeconds: Double
        /// Arrival minus the action's request, per matched change (ms).
        var fromRequest: Percentiles?
        /// Arrival minus the action's answer, per matched change (ms).
        var fromAnswer: Percentiles?
    }

    /// Subscribes the receiver; the subscription's id.
    func subscribe() async throws -> String {
        struct Created: Decodable { var id: String }
        let body = #"{"url": "\#(receiver.url)", "events": ["dossier.status-changed"], "filter": {"agency": "\#(DemoProcedure.agency)"}}"#
        let reply = await gateway.postJSON("/api/v1/subscriptions", body, token: users.token("partner"))
        guard let created = reply.decode(Created.self) else {
            throw BenchFailure("cannot subscribe the webhook receiver: \(reply.errorReason ?? "?") "
                               + String(decoding: reply.body.prefix(300), as: UTF8.self)
                               + " (integration needs ONEGATE_WEBHOOK_ALLOW_LOOPBACK=1 to deliver to loopback)")
        }
        return created.id
    }

    func unsubscribe(_ id: String) async -> Bool {
        await gateway.send(.DELETE, "/api/v1/subscriptions/\(id)", token: users.token("partner")).isSuccess
    }

    /// Waits (at most `timeout`) until every expected change arrived, then measures.
    func measure(_ changes: [WorkflowScenario.Change], timeout: Duration) async -> Result {
        let clock = ContinuousClock()
        let started = clock.now
        let wanted = Set(changes.map { "\($0.code) \($0.action)" })
        var arrivals: [String: ContinuousClock.Instant] = [:]
        var deliveries: [WebhookReceiver.Delivery] = []
        while true {
            deliveries = receiver.received
            arrivals = [:]
            for delivery in deliveries {
                let key = "\(delivery.subject) \(delivery.action)"
                if wanted.contains(key), arrivals[key] == nil { arrivals[key] = delivery.arrived }
            }
            if arrivals.count >= wanted.count || clock.now - started >= timeout { break }
            try? await Task.sleep(for: .milliseconds(200))
        }
        var fromRequest: [Double] = []
        var fromAnswer: [Double] = []
        for change in changes {
            guard let arrived = arrivals["\(change.code) \(change.action)"] else { continue }
            fromRequest.append((arrived - change.sent).milliseconds)
            fromAnswer.append((arrived - change.answered).milliseconds)
        }
        let ids = deliveries.map(\.id)
        return Result(expected: changes.count, received: arrivals.count, duplicates: ids.count - Set(ids).count,
                      waitedSeconds: (clock.now - started).seconds,
                      fromRequest: Percentiles(fromRequest), fromAnswer: Percentiles(fromAnswer))
    }
}
