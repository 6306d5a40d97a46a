/// The broker's fixed names (ARCHITECTURE.md, "Messaging").
public enum Exchanges {
    /// Domain events, topic, routing key `<service>.<aggregate>.<event>`.
    public static let events = "onegate.events"
    /// Requests, direct, routing key `<service>.<operation>`.
    public static let rpc = "onegate.rpc"
    /// Dead letters, direct, routing key = the queue the message died in.
    public static let deadLetters = "onegate.dlx"
}

/// The services of the set, by their AMQP and schema names.
public enum ServiceName: String, CaseIterable, Sendable {
    case gateway, identity, catalog, intake, processing, documents, reporting, integration

    /// Services that own a schema and answer RPC (all but the gateway).
    public static var backends: [ServiceName] { allCases.filter { $0 != .gateway } }

    /// The queue a service's RPC server consumes.
    public var rpcQueue: String { "\(rawValue).rpc" }

    /// The routing key of one of the service's RPC operations.
    public func operation(_ name: String) -> String { "\(rawValue).\(name)" }
}
