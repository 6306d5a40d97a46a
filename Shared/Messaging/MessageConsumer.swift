import Foundation
import Logging
import Metrics
import Synchronization

/// How often and how patiently a failing message is retried before it is dead-lettered.
///
/// A failure `isTransient` calls a cure that only time brings (the database restarting, a
/// deadlock, a lost connection): such a message is retried with back-off for as long as it takes,
/// never dead-lettered. Other failures are retried `maximumAttempts` times, then dead-lettered; a
/// `PermanentFailure` is dead-lettered at once. Every attempt has a deadline: an attempt still
/// running at `handlerDeadline` is abandoned and counted as transient (its transaction, if it ever
/// commits, is recognised by the inbox on the next attempt).
public struct RetryPolicy: Sendable {
    public var maximumAttempts: Int
    public var backoff: Backoff
    public var handlerDeadline: Duration
    public var isTransient: @Sendable (any Error) -> Bool

    public init(maximumAttempts: Int = 5, backoff: Backoff = Backoff(initialMilliseconds: 200, maximumMilliseconds: 5_000),
                handlerDeadline: Duration = .seconds(30), isTransient: @escaping @Sendable (any Error) -> Bool = { _ in false }) {
        self.maximumAttempts = max(1, maximumAttempts)
        self.backoff = backoff
        self.handlerDeadline = handlerDeadline
        self.isTransient = isTransient
    }
}

/// Thrown by a handler for a message that can never succeed (for example one that does not
/// decode): it is dead-lettered at once instead of being retried.
public struct PermanentFailure: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Tells a consumer's in-flight work that the service is stopping: retries end, and deliveries not
/// settled within `grace` go back to the queue for the next instance.
public final class ConsumerShutdown: Sendable {
    private let began = Mutex<ContinuousClock.Instant?>(nil)
    public let grace: Duration

    public init(grace: Duration = .seconds(8)) { self.grace = grace }

    /// Starts the grace period (once; later calls change nothing).
    public func begin() {
        began.withLock { if $0 == nil { $0 = .now } }
    }

    /// When in-flight work must be settled, once shutdown began.
    var deadline: ContinuousClock.Instant? { began.withLock { $0.map { $0 + grace } } }
}

/// Consumes one queue: each delivery runs the handler (at most `prefetch` at a time, as the broker
/// enforces), is acknowledged only after the handler returned — so after its transaction
/// committed — and is retried with back-off when the handler throws (see `RetryPolicy`), then
/// rejected to the queue's dead-letter queue.
public struct MessageConsumer: Sendable {
    public let link: AMQPLink
    public let queue: String
    public let retry: RetryPolicy
    public let shutdown: ConsumerShutdown
    let logger: Logger
    let handlingTime: Metrics.Timer
    let failures: Counter
    let deadLettered: Counter
    let requeued: Counter
    let lag: ConsumerLag

    public init(link: AMQPLink, queue: String, retry: RetryPolicy = RetryPolicy(), shutdown: ConsumerShutdown = ConsumerShutdown(),
                logger: Logger) {
        self.link = link
        self.queue = queue
        self.retry = retry
        self.shutdown = shutdown
        var logger = logger
        logger[metadataKey: "amqp.queue"] = .string(queue)
        self.logger = logger
        self.handlingTime = Metrics.Timer(label: "onegate_message_handler_seconds", dimensions: [("queue", queue)],
                                          preferredDisplayUnit: .seconds)
        self.failures = Counter(label: "onegate_message_handler_failures_total", dimensions: [("queue", queue)])
        self.deadLettered = Counter(label: "onegate_messages_dead_lettered_total", dimensions: [("queue", queue)])
        self.requeued = Counter(label: "onegate_messages_requeued_total", dimensions: [("queue", queue)])
        self.lag = ConsumerLag(queue: queue)
    }

    /// Runs until the link's consumers are cancelled (graceful shutdown) or the link shuts down;
    /// returns after every in-flight delivery was settled (acknowledged, dead-lettered, or — once
    /// shutdown's grace is over — requeued).
    public func run(handler: @escaping @Sendable (Delivery) async throws -> Void) async {
        await InFlightWork.track("consumer \(queue)") {
            await withDiscardingTaskGroup { group in
                for await delivery in link.consume(queue: queue) {
                    group.addTask { await InFlightWork.track("delivery \(queue)") { await process(delivery, handler: handler) } }
                }
            }
        }
    }

    private func process(_ delivery: Delivery, handler: @escaping @Sendable (Delivery) async throws -> Void) async {
        lag.record(delivery)
        var logger = self.logger
        logger[metadataKey: "correlation_id"] = .string(delivery.correlationID ?? "-")
        logger[metadataKey: "message_id"] = .string(delivery.messageID ?? "-")
        var ordinaryFailures = 0
        var attempt = 0
        while true {
            let deadline = attemptDeadline()
            let started = ContinuousClock.now
            switch await AttemptRace.run(handler, delivery, until: deadline) {
            case .done:
                handlingTime.record(duration: ContinuousClock.now - started)
                link.ack(delivery)
                return
            case .failed(let failure as PermanentFailure):
                logger.error("message cannot be handled; dead-lettering", metadata: ["reason": "\(failure)"])
                return deadLetter(delivery)
            case .failed(let error):
                failures.increment()
                let transient = retry.isTransient(error)
                if !transient { ordinaryFailures += 1 }
                logger.warning("message handler failed", metadata: [
                    "attempt": "\(attempt + 1)", "transient": "\(transient)", "error": "\(String(reflecting: error))",
                    "ordinary_failures": "\(ordinaryFailures) of \(retry.maximumAttempts)",
                ])
                if ordinaryFailures >= retry.maximumAttempts { return deadLetter(delivery) }
            case .timedOut:
                failures.increment()
                logger.warning("message handler passed its deadline; abandoned", metadata: ["attempt": "\(attempt + 1)"])
            }
            if shutdown.deadline != nil { return requeue(delivery, logger: logger) }
            let pause = Duration.milliseconds(retry.backoff.delayMilliseconds(attempt: attempt))
            if await !sleep(pause) { return requeue(delivery, logger: logger) }
            attempt += 1
        }
    }

    /// The handler's deadline, shortened to the end of shutdown's grace once it began.
    private func attemptDeadline() -> ContinuousClock.Instant {
        let own = ContinuousClock.now + retry.handlerDeadline
        guard let end = shutdown.deadline else { return own }
        return min(own, end)
    }

    /// Sleeps in short slices; false when shutdown began meanwhile.
    private func sleep(_ pause: Duration) async -> Bool {
        let end = ContinuousClock.now + pause
        while ContinuousClock.now < end {
            if shutdown.deadline != nil { return false }
            try? await Task.sleep(until: min(end, .now + .milliseconds(100)))
        }
        return shutdown.deadline == nil
    }

    private func deadLetter(_ delivery: Delivery) {
        deadLettered.increment()
        link.reject(delivery, requeue: false)
    }

    private func requeue(_ delivery: Delivery, logger: Logger) {
        requeued.increment()
        logger.notice("stopping: delivery returned to the queue")
        link.reject(delivery, requeue: true)
    }
}

/// One handler attempt raced against its deadline. The handler runs in a task of its own so that
/// a handler stuck on a dead connection cannot hold the delivery (or shutdown) hostage.
enum AttemptRace {
    enum Outcome: Sendable {
        case done
        case failed(any Error)
        case timedOut
    }

    static func run(_ handler: @escaping @Sendable (Delivery) async throws -> Void, _ delivery: Delivery,
                    until deadline: ContinuousClock.Instant) async -> Outcome {
        let pending = Mutex<CheckedContinuation<Outcome, Never>?>(nil)
        let finish: @Sendable (Outcome) -> Bool = { outcome in
            guard let continuation = pending.withLock({ value -> CheckedContinuation<Outcome, Never>? in
                defer { value = nil }
                return value
            }) else { return false }
            continuation.resume(returning: outcome)
            return true
        }
        return await withCheckedContinuation { continuation in
            pending.withLock { $0 = continuation }
            let timer = Mutex<Task<Void, Never>?>(nil)
            let work = Task {
                do {
                    try await handler(delivery)
                    _ = finish(.done)
                } catch {
                    _ = finish(.failed(error))
                }
                timer.withLock { $0 }?.cancel()
            }
            let alarm = Task {
                do { try await Task.sleep(until: deadline) } catch { return }
                if finish(.timedOut) { work.cancel() }
            }
            timer.withLock { $0 = alarm }
            if pending.withLock({ $0 == nil }) { alarm.cancel() }
        }
    }
}
