import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// Scenario e's partner: a Hummingbird server on loopback that takes the webhook deliveries of a
/// subscription and notes when each arrived. It answers 204 at once and verifies nothing: the
/// signatures are the integration tests' business, the arrival time is ours.
final class WebhookReceiver: Sendable {
    /// One delivery: the CloudEvent's id and subject, the change's action, and when it arrived.
    struct Delivery: Sendable {
        var id: String
        var subject: String
        var action: String
        var arrived: ContinuousClock.Instant
    }

    let port: Int
    private let deliveries = Locked<[Delivery]>([])

    init(port: Int) { self.port = port }

    var url: String { "http://127.0.0.1:\(port)/hooks/bench" }

    var received: [Delivery] { deliveries.value }

    /// A started receiver; `stop()` shuts it down gracefully.
    struct Serving: Sendable {
        let group: ServiceGroup
        let task: Task<Void, any Error>

        func stop() async {
            await group.triggerGracefulShutdown()
            _ = await task.result
        }
    }

    /// Serves until stopped; returns once the port is bound.
    func start() async throws -> Serving {
        struct Event: Decodable {
            struct Change: Decodable { var action: String? }
            var id: String
            var subject: String?
            var data: Change?
        }
        let router = Router()
        router.post("hooks/bench") { [deliveries] request, _ -> Response in
            let arrived = ContinuousClock.now
            let body = try await request.body.collect(upTo: 1 << 20)
            if let event = try? JSONDecoder().decode(Event.self, from: Data(body.readableBytesView)) {
                deliveries.withLock {
                    $0.append(Delivery(id: event.id, subject: event.subject ?? "", action: event.data?.action ?? "", arrived: arrived))
                }
            }
            return Response(status: .noContent)
        }
        let listening = Locked(false)
        var logger = Logger(label: "onegate-bench.webhooks")
        logger.logLevel = .warning
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)),
                              onServerRunning: { _ in listening.withLock { $0 = true } }, logger: logger)
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [app], logger: logger))
        let task = Task { try await group.run() }
        for _ in 0..<200 where !listening.value {
            try await Task.sleep(for: .milliseconds(50))
        }
        guard listening.value else {
            await group.triggerGracefulShutdown()
            throw BenchFailure("the webhook receiver could not listen on 127.0.0.1:\(port)")
        }
        return Serving(group: group, task: task)
    }
}
