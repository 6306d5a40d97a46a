import Contracts
import Foundation
import Logging
import Metrics
import Synchronization

/// Request/reply over `onegate.rpc` with RabbitMQ's direct reply-to: no reply queue to declare,
/// replies matched by correlation id, every call bounded by a deadline (never a hang).
public final class RPCClient: Sendable {
    struct Waiter {
        let routingKey: String
        let deadline: ContinuousClock.Instant
        let continuation: CheckedContinuation<Data, any Error>
    }

    static let replyQueue = "amq.rabbitmq.reply-to"
    public let link: AMQPLink
    let waiters = Mutex<[String: Waiter]>([:])
    let logger: Logger

    public init(configuration: AMQPConfiguration, name: String, logger: Logger) {
        self.link = AMQPLink(configuration: configuration,
                             options: LinkOptions(name: name, confirms: false, publishTimeoutMilliseconds: 5_000),
                             logger: logger)
        self.logger = logger
        link.setReturnHandler { [weak self] returned in
            guard let id = returned.correlationID else { return }
            self?.fail(id, MessagingError.unroutable(returned.routingKey))
        }
        link.setConnectionLostHandler { [weak self] in self?.failAll(MessagingError.connectionLost) }
    }

    /// Receives replies and expires late calls until the link shuts down.
    public func run() async {
        await withDiscardingTaskGroup { group in
            group.addTask { [link] in
                for await reply in link.consume(queue: Self.replyQueue, noAck: true) {
                    guard let id = reply.correlationID else { continue }
                    self.waiters.withLock { $0.removeValue(forKey: id) }?.continuation.resume(returning: reply.body)
                }
                self.failAll(MessagingError.shutDown)
            }
            group.addTask {
                while !Task.isCancelled && !self.link.isFinished {
                    try? await Task.sleep(for: .milliseconds(50))
                    self.expire(now: .now)
                }
            }
        }
    }

    /// Calls sent and not yet answered, failed or expired.
    public var pendingCalls: Int { waiters.withLock { $0.count } }

    /// Sends `body` to `routingKey` and waits for the reply until `timeout`. Answered calls are
    /// timed in `onegate_rpc_client_seconds{operation}`; failures other than time-outs (which
    /// `onegate_rpc_timeouts_total` counts) in `onegate_rpc_client_failures_total{operation,reason}`.
    public func call(routingKey: String, body: Data, timeout: Duration, traceparent: String? = nil) async throws -> Data {
        let started = ContinuousClock.now
        do {
            let reply = try await send(routingKey: routingKey, body: body, timeout: timeout, traceparent: traceparent)
            Metrics.Timer(label: "onegate_rpc_client_seconds", dimensions: [("operation", routingKey)],
                          preferredDisplayUnit: .seconds).record(duration: ContinuousClock.now - started)
            return reply
        } catch let error as MessagingError {
            if let reason = error.metricReason {
                Counter(label: "onegate_rpc_client_failures_total",
                        dimensions: [("operation", routingKey), ("reason", reason)]).increment()
            }
            throw error
        }
    }

    private func send(routingKey: String, body: Data, timeout: Duration, traceparent: String?) async throws -> Data {
        let id = UUID().uuidString.lowercased()
        let deadline = ContinuousClock.now.advanced(by: timeout)
        let (seconds, attoseconds) = timeout.components
        let milliseconds = Int(seconds * 1000 + attoseconds / 1_000_000_000_000_000)
        let message = OutboundMessage(exchange: Exchanges.rpc, routingKey: routingKey, body: body, messageID: id,
                                      correlationID: id, replyTo: Self.replyQueue, traceparent: traceparent,
                                      persistent: false, mandatory: true, expirationMilliseconds: milliseconds,
                                      deadline: Date().addingTimeInterval(Double(milliseconds) / 1000))
        return try await withCheckedThrowingContinuation { continuation in
            waiters.withLock { $0[id] = Waiter(routingKey: routingKey, deadline: deadline, continuation: continuation) }
            link.publish(message) { [weak self] error in
                if let error { self?.fail(id, error) }
            }
        }
    }

    func fail(_ id: String, _ error: any Error) {
        waiters.withLock { $0.removeValue(forKey: id) }?.continuation.resume(throwing: error)
    }

    func failAll(_ error: any Error) {
        let all = waiters.withLock { waiters in
            defer { waiters.removeAll() }
            return Array(waiters.values)
        }
        for waiter in all { waiter.continuation.resume(throwing: error) }
    }

    func expire(now: ContinuousClock.Instant) {
        let expired = waiters.withLock { waiters -> [Waiter] in
            let keys = waiters.filter { $0.value.deadline <= now }.map(\.key)
            return keys.compactMap { waiters.removeValue(forKey: $0) }
        }
        for waiter in expired {
            Counter(label: "onegate_rpc_timeouts_total", dimensions: [("operation", waiter.routingKey)]).increment()
            waiter.continuation.resume(throwing: MessagingError.rpcTimedOut(waiter.routingKey))
        }
    }
}
