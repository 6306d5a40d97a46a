import CRabbitMQ
import CRabbitMQShim
import Foundation

/// A broker operation that failed, with the broker's or the library's reason.
public struct BrokerOperationError: Error, CustomStringConvertible, Sendable {
    public let description: String
}

/// A queue's figures as a passive `queue.declare` reports them.
public struct QueueState: Sendable, Hashable {
    /// Messages ready for delivery (not those delivered and awaiting their acknowledgement).
    public var messages: Int
    /// Consumers attached to the queue, from every connection.
    public var consumers: Int
}

/// Synchronous operations on a link's channel; valid only inside `AMQPLink.withChannel`.
///
/// Any failed operation leaves the channel unusable — AMQP closes the channel (or the connection)
/// on every server-side error, and a library error leaves the connection in an unknown state — so
/// inside `withChannel` a failure drops the link's connection at once: the link reconnects with
/// back-off and resumes its consumers, and later operations fail fast instead of waiting on a
/// closed channel.
public struct ChannelOperations {
    private let fixedConnection: amqp_connection_state_t?
    private let driver: LinkDriver?
    static let channel: UInt16 = 1

    /// While the link's thread connects: the caller handles failures.
    init(connection: amqp_connection_state_t) {
        self.fixedConnection = connection
        self.driver = nil
    }

    /// Inside `withChannel`: a failure resets the link's connection.
    init(driver: LinkDriver) {
        self.fixedConnection = nil
        self.driver = driver
    }

    var connection: amqp_connection_state_t? {
        if let driver { return driver.connection }
        return fixedConnection
    }

    func check(_ call: (UnsafeMutablePointer<CChar>, Int) -> Int32) throws {
        var error = [CChar](repeating: 0, count: 256)
        let status = error.withUnsafeMutableBufferPointer { call($0.baseAddress!, $0.count) }
        guard status != 0 else { return }
        let failure = BrokerOperationError(description: String(cBuffer: error))
        driver?.connectionLost("broker operation failed: \(failure)")
        throw failure
    }

    private func live() throws -> amqp_connection_state_t {
        guard let connection else { throw MessagingError.connectionLost }
        return connection
    }

    /// Declares exchanges, queues (with their dead-letter queues) and bindings.
    public func declare(_ topology: Topology) throws {
        let connection = try live()
        let channel = Self.channel
        for exchange in topology.exchanges {
            try check { og_exchange_declare(connection, channel, exchange.name, exchange.kind.rawValue, $0, $1) }
        }
        for queue in topology.queues {
            if queue.deadLetter {
                try check { og_queue_declare(connection, channel, queue.deadLetterQueue, 1, nil, nil, 0, 0, 0, $0, $1) }
                try check { og_queue_bind(connection, channel, queue.deadLetterQueue, "onegate.dlx", queue.name, $0, $1) }
            }
            let quorum: Int32 = queue.kind == .quorum ? 1 : 0
            try check {
                og_queue_declare(connection, channel, queue.name, quorum,
                                 queue.deadLetter ? "onegate.dlx" : nil, queue.deadLetter ? queue.name : nil,
                                 Int32(queue.deliveryLimit), Int32(queue.messageTTLMilliseconds), queue.kind == .exclusive ? 1 : 0, $0, $1)
            }
            for binding in queue.bindings {
                try check { og_queue_bind(connection, channel, queue.name, binding.exchange, binding.routingKey, $0, $1) }
            }
        }
    }

    func startConsuming(queue: String, noAck: Bool) throws -> String {
        let connection = try live()
        var tag = [CChar](repeating: 0, count: 256)
        try check { og_basic_consume(connection, Self.channel, queue, noAck ? 1 : 0, &tag, tag.count, $0, $1) }
        return String(cBuffer: tag)
    }

    /// Number of ready messages in `queue`.
    public func messageCount(queue: String) throws -> Int {
        let connection = try live()
        var count = -1
        try check { error, length in
            count = og_queue_message_count(connection, Self.channel, queue, error, length)
            return count < 0 ? -1 : 0
        }
        return count
    }

    /// Ready messages and consumers of `queue` (a passive declare: nothing is created). A queue
    /// that does not exist is an error, which resets the link's connection (see above).
    public func inspect(queue: String) throws -> QueueState {
        let connection = try live()
        var messages: UInt32 = 0
        var consumers: UInt32 = 0
        try check { og_queue_inspect(connection, Self.channel, queue, &messages, &consumers, $0, $1) }
        return QueueState(messages: Int(messages), consumers: Int(consumers))
    }

    /// Removes every ready message of `queue`; returns how many.
    @discardableResult
    public func purge(queue: String) throws -> Int {
        let connection = try live()
        var count = -1
        try check { error, length in
            count = og_queue_purge(connection, Self.channel, queue, error, length)
            return count < 0 ? -1 : 0
        }
        return count
    }

    /// Deletes `queue` (tests and operators).
    public func delete(queue: String) throws {
        let connection = try live()
        try check { og_queue_delete(connection, Self.channel, queue, $0, $1) }
    }
}
