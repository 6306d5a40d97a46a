import Foundation
import Logging
import Metrics

/// How often and how patiently a failing message is retried before it is dead-lettered.
public struct RetryPolicy: Sendable {
    public var maximumAttempts: Int
    public var backoff: Backoff

    public init(maximumAttempts: Int = 5, backoff: Backoff = Backoff(initialMilliseconds: 200, maximumMilliseconds: 5_000)) {
        self.maximumAttempts = max(1, maximumAttempts)
        self.backoff = backoff
    }
}

/// Thrown by a handler for a message that can never succeed (for example one that does not
/// decode): it is dead-lettered at once instead of being retried.
public struct PermanentFailure: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Consumes one queue: each delivery runs the handler (at most `prefetch` at a time, as the broker
/// enforces), is acknowledged only after the handler returned — so after its transaction
/// committed — and is retried with back-off when the handler throws, then rejected to the
/// queue's dead-letter queue.
public struct MessageConsumer: Sendable {
    public let link: AMQPLink
    public let queue: String
    public let retry: RetryPolicy
    let logger: Logger
    let handlingTime: Metrics.Timer
    let failures: Counter
    let deadLettered: Counter
    let lag: ConsumerLag

    public init(link: AMQPLink, queue: String, retry: RetryPolicy = RetryPolicy(), logger: Logger) {
        self.link = link
        self.queue = queue
        self.retry = retry
        var logger = logger
        logger[metadataKey: "amqp.queue"] = .string(queue)
        self.logger = logger
        self.handlingTime = Metrics.Timer(label: "onegate_message_handler_seconds", dimensions: [("queue", queue)],
                                          preferredDisplayUnit: .seconds)
        self.failures = Counter(label: "onegate_message_handler_failures_total", dimensions: [("queue", queue)])
        self.deadLettered = Counter(label: "onegate_messages_dead_lettered_total", dimensions: [("queue", queue)])
        self.lag = ConsumerLag(queue: queue)
    }

    /// Runs until the link's consumers are cancelled (graceful shutdown) or the link shuts down;
    /// returns after every in-flight delivery was settled.
    public func run(handler: @escaping @Sendable (Delivery) async throws -> Void) async {
        await withDiscardingTaskGroup { group in
            for await delivery in link.consume(queue: queue) {
                group.addTask { await process(delivery, handler: handler) }
            }
        }
    }

    private func process(_ delivery: Delivery, handler: @Sendable (Delivery) async throws -> Void) async {
        lag.record(delivery)
        var logger = self.logger
        logger[metadataKey: "correlation_id"] = .string(delivery.correlationID ?? "-")
        logger[metadataKey: "message_id"] = .string(delivery.messageID ?? "-")
        for attempt in 0..<retry.maximumAttempts {
            do {
                let started = ContinuousClock.now
                try await handler(delivery)
                handlingTime.record(duration: ContinuousClock.now - started)
                link.ack(delivery)
                return
            } catch let failure as PermanentFailure {
                logger.error("message cannot be handled; dead-lettering", metadata: ["reason": "\(failure)"])
                break
            } catch {
                failures.increment()
                let last = attempt == retry.maximumAttempts - 1
                logger.warning("message handler failed", metadata: [
                    "attempt": "\(attempt + 1)", "of": "\(retry.maximumAttempts)", "error": "\(String(reflecting: error))",
                ])
                if last { break }
                try? await Task.sleep(for: .milliseconds(retry.backoff.delayMilliseconds(attempt: attempt)))
            }
        }
        deadLettered.increment()
        link.reject(delivery, requeue: false)
    }
}
