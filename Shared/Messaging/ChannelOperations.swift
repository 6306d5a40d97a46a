import CRabbitMQ
import CRabbitMQShim
import Foundation

/// A broker operation that failed, with the broker's or the library's reason.
public struct BrokerOperationError: Error, CustomStringConvertible, Sendable {
    public let description: String
}

/// Synchronous operations on a link's channel; valid only inside `AMQPLink.withChannel`.
public struct ChannelOperations {
    let connection: amqp_connection_state_t?
    static let channel: UInt16 = 1

    init(connection: amqp_connection_state_t) { self.connection = connection }
    init(driver: LinkDriver) { self.connection = driver.connection }

    func check(_ call: (UnsafeMutablePointer<CChar>, Int) -> Int32) throws {
        var error = [CChar](repeating: 0, count: 256)
        let status = error.withUnsafeMutableBufferPointer { call($0.baseAddress!, $0.count) }
        if status != 0 { throw BrokerOperationError(description: String(cBuffer: error)) }
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
                                 Int32(queue.deliveryLimit), Int32(queue.messageTTLMilliseconds), 0, $0, $1)
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
