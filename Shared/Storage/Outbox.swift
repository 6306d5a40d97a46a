import Contracts
import Foundation
import Logging
import PostgresNIO

/// An event to publish once the transaction that produced it commits.
public struct OutboxMessage: Sendable {
    public var messageID: UUID
    public var exchange: String
    public var routingKey: String
    public var type: String
    public var correlationID: String?
    public var traceparent: String?
    public var body: Data

    public init(messageID: UUID, exchange: String, routingKey: String, type: String,
                correlationID: String?, traceparent: String?, body: Data) {
        self.messageID = messageID
        self.exchange = exchange
        self.routingKey = routingKey
        self.type = type
        self.correlationID = correlationID
        self.traceparent = traceparent
        self.body = body
    }

    /// Wraps `payload` in a CloudEvents envelope for `onegate.events`.
    public static func event<Payload: Codable & Sendable>(
        _ name: EventName, source: ServiceName, subject: String?, sequence: Int64?, payload: Payload,
        correlationID: String?, traceparent: String? = nil, at time: Date = Date()
    ) throws -> OutboxMessage {
        let envelope = EventEnvelope(source: "onegate/\(source.rawValue)", type: name.type, time: time,
                                     subject: subject, sequence: sequence, data: payload)
        return OutboxMessage(messageID: envelope.id, exchange: Exchanges.events, routingKey: name.routingKey,
                             type: name.type, correlationID: correlationID, traceparent: traceparent,
                             body: try WireJSON.encode(envelope))
    }
}

/// What the relay has still to publish.
public struct OutboxBacklog: Sendable, Hashable {
    /// Committed events not yet confirmed by the broker.
    public var messages: Int
    /// Age of the oldest of them, in seconds (0 when there is none).
    public var oldestSeconds: Double
}

/// Writes events into the service's outbox inside the caller's transaction. Nothing is published
/// here: the relay does that after commit, so a rolled-back change never leaks an event and a
/// committed one is never lost.
public struct Outbox: Sendable {
    public let schema: String

    public init(schema: String) { self.schema = schema }

    /// The NOTIFY channel the relay listens on.
    public var channel: String { "\(schema)_outbox" }

    /// Rows not yet published and the age of the oldest (zero when none). One query on the
    /// partial index `outbox_unpublished`, so its cost follows the backlog, not the table.
    public func backlog(client: PostgresClient, logger: Logger) async throws -> OutboxBacklog {
        let rows = try await client.query("""
            SELECT count(*)::bigint,
                   COALESCE(EXTRACT(EPOCH FROM clock_timestamp() - min(created_at)), 0)::float8
            FROM \(unescaped: schema).outbox WHERE published_at IS NULL
            """, logger: logger)
        for try await (count, age) in rows.decode((Int64, Double).self) {
            return OutboxBacklog(messages: Int(count), oldestSeconds: max(0, age))
        }
        return OutboxBacklog(messages: 0, oldestSeconds: 0)
    }

    /// Queues `messages` and wakes the relays, in one statement (one parse and one round trip, which
    /// matters inside transactions that hold a hot row lock).
    public func enqueue(_ messages: [OutboxMessage], on connection: PostgresConnection, logger: Logger) async throws {
        guard !messages.isEmpty else { return }
        try await connection.query("""
            WITH queued AS (\(outboxInsert: messages, schema: schema))
            SELECT pg_notify(\(channel), '') FROM (SELECT count(*) FROM queued) AS done
            """, logger: logger)
    }
}

extension PostgresQuery.StringInterpolation {
    /// `INSERT INTO <schema>.outbox (…) VALUES (…), … RETURNING 1`, for a data-modifying `WITH` item,
    /// so a caller can queue events in the same statement as its own write. The `NOTIFY` is the
    /// caller's (`SELECT pg_notify(outbox.channel, '')`), delivered at commit.
    public mutating func appendInterpolation(outboxInsert messages: [OutboxMessage], schema: String) {
        appendLiteral("INSERT INTO ")
        appendInterpolation(unescaped: schema)
        appendLiteral(".outbox (message_id, exchange, routing_key, type, correlation_id, traceparent, body) VALUES ")
        for (index, message) in messages.enumerated() {
            appendLiteral(index == 0 ? "(" : ", (")
            appendInterpolation(message.messageID)
            appendLiteral(", ")
            appendInterpolation(message.exchange)
            appendLiteral(", ")
            appendInterpolation(message.routingKey)
            appendLiteral(", ")
            appendInterpolation(message.type)
            appendLiteral(", ")
            appendInterpolation(message.correlationID)
            appendLiteral(", ")
            appendInterpolation(message.traceparent)
            appendLiteral(", ")
            appendInterpolation(String(decoding: message.body, as: UTF8.self))
            appendLiteral(")")
        }
        appendLiteral(" RETURNING 1")
    }
}
