import Foundation

/// A message to publish. Every message is stamped with an id, a type and a timestamp.
public struct OutboundMessage: Sendable {
    public var exchange: String
    public var routingKey: String
    public var body: Data
    public var messageID: String
    public var type: String?
    public var correlationID: String?
    public var replyTo: String?
    public var traceparent: String?
    public var persistent: Bool
    /// Return the message if no queue is bound (used by RPC requests to fail fast).
    public var mandatory: Bool
    /// Broker-side expiry (RPC requests nobody will wait for any more).
    public var expirationMilliseconds: Int?
    /// The moment after which the receiver should not bother (header `x-deadline`).
    public var deadline: Date?
    /// Retry count carried across re-publication (header `x-attempt`).
    public var attempt: Int
    public var timestamp: Date

    public init(exchange: String, routingKey: String, body: Data, messageID: String = UUID().uuidString.lowercased(),
                type: String? = nil, correlationID: String? = nil, replyTo: String? = nil,
                traceparent: String? = nil, persistent: Bool = true, mandatory: Bool = false,
                expirationMilliseconds: Int? = nil, deadline: Date? = nil, attempt: Int = 0, timestamp: Date = Date()) {
        self.exchange = exchange
        self.routingKey = routingKey
        self.body = body
        self.messageID = messageID
        self.type = type
        self.correlationID = correlationID
        self.replyTo = replyTo
        self.traceparent = traceparent
        self.persistent = persistent
        self.mandatory = mandatory
        self.expirationMilliseconds = expirationMilliseconds
        self.deadline = deadline
        self.attempt = attempt
        self.timestamp = timestamp
    }
}

/// A message received by a consumer. Acknowledge it through the link it came from.
public struct Delivery: Sendable {
    public let queue: String
    public let exchange: String
    public let routingKey: String
    public let body: Data
    public let messageID: String?
    public let type: String?
    public let correlationID: String?
    public let replyTo: String?
    public let traceparent: String?
    public let timestamp: Date?
    public let deadline: Date?
    /// When the publisher sent it, to the millisecond (header `x-published-ms`); nil for messages
    /// of publishers that do not stamp it (then only the second-resolution `timestamp` is known).
    public let publishedAt: Date?
    public let redelivered: Bool
    /// Deliveries counted by a quorum queue (`x-delivery-count`), 0 on the first.
    public let deliveryCount: Int
    let tag: UInt64
    /// Acks from an earlier connection are meaningless: the broker redelivers those messages.
    let generation: UInt64
}

/// A mandatory message the broker could not route.
struct ReturnedMessage: Sendable {
    let routingKey: String
    let correlationID: String?
    let reason: String
}
