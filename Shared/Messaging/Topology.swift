import Contracts

/// Exchanges, queues and bindings a link declares (idempotently) every time it connects, so a
/// broker that lost its definitions gets them back without an operator.
public struct Topology: Sendable {
    public struct Exchange: Sendable, Hashable {
        public enum Kind: String, Sendable { case direct, topic, fanout }
        public var name: String
        public var kind: Kind
        public init(_ name: String, _ kind: Kind) { self.name = name; self.kind = kind }
    }

    public struct Binding: Sendable, Hashable {
        public var exchange: String
        public var routingKey: String
        public init(exchange: String, routingKey: String) { self.exchange = exchange; self.routingKey = routingKey }
    }

    public struct Queue: Sendable, Hashable {
        public enum Kind: Sendable, Hashable {
            /// Replicated and durable: domain events and anything that must not be lost.
            case quorum
            /// Durable classic queue: RPC requests, which are transient and latency-bound.
            case classic
            /// Exclusive to the link's connection and deleted with it (a listener's private queue, such
            /// as the gateway's cache invalidations): what was published while it was away is gone.
            case exclusive
        }
        public var name: String
        public var kind: Kind
        public var bindings: [Binding]
        /// Dead-letter to `onegate.dlx` → `<name>.dlq` (declared too).
        public var deadLetter: Bool
        /// Broker-side bound on redeliveries (quorum only): a message that crashes its consumer
        /// every time still ends in the DLQ.
        public var deliveryLimit: Int
        public var messageTTLMilliseconds: Int

        public init(name: String, kind: Kind = .quorum, bindings: [Binding] = [], deadLetter: Bool = true,
                    deliveryLimit: Int = 20, messageTTLMilliseconds: Int = 0) {
            self.name = name
            self.kind = kind
            self.bindings = bindings
            self.deadLetter = deadLetter
            self.deliveryLimit = deliveryLimit
            self.messageTTLMilliseconds = messageTTLMilliseconds
        }

        /// The queue its dead letters land in.
        public var deadLetterQueue: String { name + ".dlq" }
    }

    public var exchanges: [Exchange]
    public var queues: [Queue]

    public init(exchanges: [Exchange] = Topology.standardExchanges, queues: [Queue] = []) {
        self.exchanges = exchanges
        self.queues = queues
    }

    /// The three exchanges of ARCHITECTURE.md.
    public static let standardExchanges: [Exchange] = [
        Exchange(Exchanges.events, .topic),
        Exchange(Exchanges.rpc, .direct),
        Exchange(Exchanges.deadLetters, .direct),
    ]

    /// A durable event queue `<service>.<purpose>` bound to `onegate.events` with `routingKeys`.
    public static func eventQueue(_ name: String, routingKeys: [String]) -> Queue {
        Queue(name: name, kind: .quorum,
              bindings: routingKeys.map { Binding(exchange: Exchanges.events, routingKey: $0) })
    }

    /// A queue of this connection alone, bound to `onegate.events` with `routingKeys` (no dead
    /// letters: nobody else could read them).
    public static func exclusiveEventQueue(_ name: String, routingKeys: [String]) -> Queue {
        Queue(name: name, kind: .exclusive, bindings: routingKeys.map { Binding(exchange: Exchanges.events, routingKey: $0) },
              deadLetter: false, deliveryLimit: 0)
    }

    /// A service's RPC request queue bound to `onegate.rpc` with each operation's routing key.
    /// Requests expire after a minute even if nobody consumes them: their callers gave up long before.
    public static func rpcQueue(for service: ServiceName, operations: [String]) -> Queue {
        Queue(name: service.rpcQueue, kind: .classic,
              bindings: operations.map { Binding(exchange: Exchanges.rpc, routingKey: service.operation($0)) },
              deadLetter: false, deliveryLimit: 0, messageTTLMilliseconds: 60_000)
    }
}
