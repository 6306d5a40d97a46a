import CRabbitMQ
import CRabbitMQShim
import Foundation
import Logging

/// A publish waiting for the connection or for its confirm.
struct PendingPublish {
    let message: OutboundMessage
    let deadline: ContinuousClock.Instant
    /// Called once, on the link's thread: nil when confirmed (or written, without confirms).
    let completion: @Sendable ((any Error)?) -> Void
}

/// A consumer the link keeps alive across reconnections.
final class ConsumerRegistration {
    let queue: String
    let noAck: Bool
    let continuation: AsyncStream<Delivery>.Continuation
    var tag: String?

    init(queue: String, noAck: Bool, continuation: AsyncStream<Delivery>.Continuation) {
        self.queue = queue
        self.noAck = noAck
        self.continuation = continuation
    }
}

/// The state and loop of one link, confined to the link's thread.
final class LinkDriver {
    /// Strong on purpose: the link must outlive its thread, which ends only after `shutdown`.
    let link: AMQPLink
    var connection: amqp_connection_state_t?
    var generation: UInt64 = 0
    var nextPublishTag: UInt64 = 0
    var waiting: [PendingPublish] = []
    var unconfirmed: [UInt64: PendingPublish] = [:]
    var consumers: [ConsumerRegistration] = []
    /// Tags of cancelled no-ack consumers: their late deliveries need no answer (rejecting one
    /// would be a channel error).
    var cancelledNoAckTags: Set<String> = []
    var reconnectAttempt = 0
    var nextConnectAt = ContinuousClock.now
    var stopping = false
    var stopDeadline = ContinuousClock.now
    var terminated = false
    var lastConnectError: String?
    var logger: Logger { link.logger }
    static let channel: UInt16 = 1

    init(link: AMQPLink) {
        self.link = link
    }

    /// A driver for jobs submitted after the link finished: everything fails or ends at once.
    static func closed(link: AMQPLink) -> LinkDriver {
        let driver = LinkDriver(link: link)
        driver.terminated = true
        return driver
    }

    // MARK: - The loop

    func run() {
        while true {
            let (jobs, stopRequested) = link.takeMailbox()
            for job in jobs { job(self) }
            if stopRequested && !stopping { beginStopping() }
            if stopping && (connection == nil || (unconfirmed.isEmpty && waiting.isEmpty)
                            || ContinuousClock.now >= stopDeadline) {
                break
            }
            if connection == nil && !stopping && ContinuousClock.now >= nextConnectAt { connect() }
            if connection != nil { pump() }
            failExpiredPublishes()
            og_wait(connection, link.wakeFDs.read, waitTimeoutMilliseconds())
            og_waker_drain(link.wakeFDs.read)
        }
        finish()
    }

    private func waitTimeoutMilliseconds() -> Int32 {
        var timeout: Duration = .seconds(1)
        let now = ContinuousClock.now
        if connection == nil && !stopping { timeout = min(timeout, max(.zero, nextConnectAt - now)) }
        if stopping { timeout = min(timeout, .milliseconds(50)) }
        let nearest = (waiting.map(\.deadline) + unconfirmed.values.map(\.deadline)).min()
        if let nearest { timeout = min(timeout, max(.zero, nearest - now)) }
        let (seconds, attoseconds) = timeout.components
        return Int32(seconds * 1000 + attoseconds / 1_000_000_000_000_000)
    }

    private func beginStopping() {
        stopping = true
        stopDeadline = ContinuousClock.now.advanced(by: .seconds(5))
        cancelConsumers()
    }

    private func finish() {
        if let connection {
            og_disconnect(connection, 1)
            self.connection = nil
        }
        link.connected.store(false, ordering: .relaxed)
        terminated = true
        for pending in waiting + unconfirmed.values { pending.completion(MessagingError.shutDown) }
        waiting.removeAll()
        unconfirmed.removeAll()
        for consumer in consumers { consumer.continuation.finish() }
        consumers.removeAll()
        // Jobs that raced with the stop still get an answer.
        for job in link.takeMailbox().jobs { job(self) }
        for waiter in link.markFinished() { waiter.resume() }
        for job in link.takeMailbox().jobs { job(self) }
    }

    // MARK: - Connecting

    private func connect() {
        let configuration = link.configuration
        var error = [CChar](repeating: 0, count: 256)
        guard let connection = og_connect(configuration.host, Int32(configuration.port), configuration.virtualHost,
                                          configuration.username, configuration.password,
                                          Int32(configuration.heartbeatSeconds),
                                          Int32(configuration.connectTimeoutMilliseconds), &error, error.count) else {
            scheduleReconnect(reason: String(cBuffer: error))
            return
        }
        do {
            try prepare(connection)
        } catch {
            og_disconnect(connection, 0)
            scheduleReconnect(reason: "\(error)")
            return
        }
        self.connection = connection
        generation += 1
        nextPublishTag = 0
        reconnectAttempt = 0
        lastConnectError = nil
        link.connections.add(1, ordering: .releasing)
        link.connected.store(true, ordering: .relaxed)
        logger.info("AMQP link connected", metadata: ["amqp.generation": "\(generation)"])
        let queued = waiting
        waiting.removeAll()
        for pending in queued { startPublish(pending) }
    }

    private func prepare(_ connection: amqp_connection_state_t) throws {
        let operations = ChannelOperations(connection: connection)
        try operations.check { og_channel_open(connection, Self.channel, $0, $1) }
        if link.options.confirms {
            try operations.check { og_confirm_select(connection, Self.channel, $0, $1) }
        }
        if link.options.prefetch > 0 {
            try operations.check { og_basic_qos(connection, Self.channel, self.link.options.prefetch, $0, $1) }
        }
        try operations.declare(link.options.topology)
        for consumer in consumers {
            consumer.tag = try operations.startConsuming(queue: consumer.queue, noAck: consumer.noAck)
        }
    }

    private func scheduleReconnect(reason: String) {
        let delay = link.configuration.reconnectBackoff.delayMilliseconds(attempt: reconnectAttempt)
        reconnectAttempt += 1
        nextConnectAt = ContinuousClock.now.advanced(by: .milliseconds(delay))
        if reason != lastConnectError {
            logger.warning("AMQP link cannot connect; retrying", metadata: ["reason": "\(reason)", "retryInMs": "\(delay)"])
            lastConnectError = reason
        }
    }

    func connectionLost(_ reason: String) {
        guard let connection else { return }
        og_disconnect(connection, 0)
        self.connection = nil
        link.connected.store(false, ordering: .relaxed)
        logger.warning("AMQP link lost its connection", metadata: ["reason": "\(reason)",
                                                                  "unconfirmed": "\(unconfirmed.count)"])
        // Not confirmed means not known to be stored: send again after reconnecting, in order.
        waiting = unconfirmed.sorted { $0.key < $1.key }.map(\.value) + waiting
        unconfirmed.removeAll()
        for consumer in consumers { consumer.tag = nil }
        cancelledNoAckTags.removeAll()
        link.handlers.withLock { $0.onConnectionLost }?()
        reconnectAttempt = 0
        scheduleReconnect(reason: reason)
    }

    // MARK: - Publishing

    func startPublish(_ pending: PendingPublish) {
        if terminated {
            pending.completion(MessagingError.shutDown)
            return
        }
        guard let connection else {
            waiting.append(pending)
            return
        }
        let status = CStringArena.with { arena -> Int32 in
            let message = pending.message
            var publish = og_publish_t()
            publish.exchange = arena.dup(message.exchange)
            publish.routing_key = arena.dup(message.routingKey)
            publish.message_id = arena.dup(message.messageID)
            publish.type = arena.dup(message.type)
            publish.correlation_id = arena.dup(message.correlationID)
            publish.reply_to = arena.dup(message.replyTo)
            publish.traceparent = arena.dup(message.traceparent)
            publish.expiration_ms = arena.dup(message.expirationMilliseconds.map(String.init))
            publish.content_type = arena.dup("application/json")
            publish.timestamp = UInt64(max(0, message.timestamp.timeIntervalSince1970))
            publish.persistent = message.persistent ? 1 : 0
            publish.mandatory = message.mandatory ? 1 : 0
            publish.deadline_ms = message.deadline.map { Int64($0.timeIntervalSince1970 * 1000) } ?? 0
            publish.attempt = Int32(message.attempt)
            // The AMQP timestamp has second resolution; consumers measure their lag with this header.
            publish.published_ms = Int64(message.timestamp.timeIntervalSince1970 * 1000)
            return message.body.withUnsafeBytes { body in
                publish.body = body.baseAddress
                publish.body_len = body.count
                return og_basic_publish(connection, Self.channel, &publish)
            }
        }
        guard status == 0 else {
            waiting.append(pending)
            connectionLost("publish failed: \(String(cString: amqp_error_string2(status)))")
            return
        }
        if link.options.confirms {
            nextPublishTag += 1
            unconfirmed[nextPublishTag] = pending
        } else {
            pending.completion(nil)
        }
    }

    private func confirm(tag: UInt64, multiple: Bool, ok: Bool) {
        let tags = multiple ? unconfirmed.keys.filter { $0 <= tag } : [tag]
        for tag in tags {
            guard let pending = unconfirmed.removeValue(forKey: tag) else { continue }
            pending.completion(ok ? nil : MessagingError.publishRejected)
        }
    }

    private func failExpiredPublishes() {
        let now = ContinuousClock.now
        guard waiting.contains(where: { $0.deadline <= now }) || unconfirmed.values.contains(where: { $0.deadline <= now }) else { return }
        waiting.removeAll { pending in
            guard pending.deadline <= now else { return false }
            pending.completion(MessagingError.publishTimedOut)
            return true
        }
        for (tag, pending) in unconfirmed where pending.deadline <= now {
            unconfirmed.removeValue(forKey: tag)
            pending.completion(MessagingError.publishTimedOut)
        }
    }

    // MARK: - Consuming

    func addConsumer(queue: String, noAck: Bool, continuation: AsyncStream<Delivery>.Continuation) {
        guard !terminated, !stopping else {
            continuation.finish()
            return
        }
        let consumer = ConsumerRegistration(queue: queue, noAck: noAck, continuation: continuation)
        consumers.append(consumer)
        guard let connection else { return }
        do {
            consumer.tag = try ChannelOperations(connection: connection).startConsuming(queue: queue, noAck: noAck)
        } catch {
            connectionLost("basic.consume on \(queue) failed: \(error)")
        }
    }

    func cancelConsumers() {
        let cancelled = consumers
        consumers.removeAll()
        for consumer in cancelled {
            if consumer.noAck, let tag = consumer.tag { cancelledNoAckTags.insert(tag) }
            if let connection, let tag = consumer.tag {
                var error = [CChar](repeating: 0, count: 256)
                if og_basic_cancel(connection, Self.channel, tag, &error, error.count) != 0 {
                    logger.warning("basic.cancel failed", metadata: ["queue": "\(consumer.queue)", "reason": "\(String(cBuffer: error))"])
                }
            }
            consumer.continuation.finish()
        }
    }

    func settle(_ delivery: Delivery, ack: Bool, requeue: Bool) {
        guard let connection, delivery.generation == generation else { return }
        let status = ack ? og_basic_ack(connection, Self.channel, delivery.tag, 0)
            : og_basic_reject(connection, Self.channel, delivery.tag, requeue ? 1 : 0)
        if status != 0 { connectionLost("ack failed: \(String(cString: amqp_error_string2(status)))") }
    }

    // MARK: - Reading

    /// Reads whatever the broker sent, without blocking; also keeps heartbeats going.
    private func pump() {
        var zero = timeval(tv_sec: 0, tv_usec: 0)
        for _ in 0..<1024 {
            guard let connection else { return }
            var raw = og_event_t()
            og_next_event(connection, &zero, &raw)
            let event = InboundEvent(raw, queueForTag: { tag in self.consumers.first { $0.tag == tag } })
            og_event_release(connection, &raw)
            switch event {
            case .none:
                return
            case .other:
                continue
            case .delivery(let consumer, let delivery):
                consumer.continuation.yield(Delivery(copying: delivery, generation: generation))
            case .orphanDelivery(let tag, let consumerTag):
                // Its consumer was cancelled meanwhile: give the message back to the queue.
                if !cancelledNoAckTags.contains(consumerTag) { _ = og_basic_reject(connection, Self.channel, tag, 1) }
            case .confirm(let tag, let multiple, let ok):
                confirm(tag: tag, multiple: multiple, ok: ok)
            case .returned(let message):
                link.handlers.withLock { $0.onReturn }?(message)
            case .cancelledByBroker(let reason), .closed(let reason):
                connectionLost(reason)
                return
            }
        }
    }
}
