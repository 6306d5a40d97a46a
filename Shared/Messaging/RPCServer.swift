import Contracts
import Foundation
import Logging

/// Answers one service's RPC operations: consumes `<service>.rpc`, runs the operation's handler,
/// replies to the caller's reply-to address, then acknowledges the request. Requests whose
/// deadline passed are dropped unanswered: the caller has already given up.
public struct RPCServer: Sendable {
    public typealias Handler = @Sendable (Delivery) async -> Data

    public let link: AMQPLink
    let service: ServiceName
    let handlers: [String: Handler]
    let logger: Logger
    let lag: ConsumerLag

    /// `handlers` maps operation names (`submit`, `get`…) to handlers that always produce a reply body.
    public init(configuration: AMQPConfiguration, service: ServiceName, prefetch: UInt16 = 64,
                handlers: [String: Handler], logger: Logger) {
        let topology = Topology(queues: [Topology.rpcQueue(for: service, operations: handlers.keys.sorted())])
        self.link = AMQPLink(configuration: configuration,
                             options: LinkOptions(name: "\(service.rawValue)-rpc", confirms: false,
                                                  prefetch: prefetch, topology: topology,
                                                  publishTimeoutMilliseconds: 5_000),
                             logger: logger)
        self.service = service
        self.handlers = handlers
        self.logger = logger
        self.lag = ConsumerLag(queue: service.rpcQueue)
    }

    /// Serves until the consumer is cancelled; in-flight requests are answered first.
    public func run(unknownOperation: @escaping @Sendable (String) -> Data) async {
        await InFlightWork.track("rpc server \(service.rpcQueue)") {
            await withDiscardingTaskGroup { group in
                for await request in link.consume(queue: service.rpcQueue) {
                    group.addTask { await answer(request, unknownOperation: unknownOperation) }
                }
            }
        }
    }

    private func answer(_ request: Delivery, unknownOperation: @Sendable (String) -> Data) async {
        lag.record(request)
        if let deadline = request.deadline, deadline < Date() {
            link.ack(request)
            return
        }
        let operation = String(request.routingKey.dropFirst(service.rawValue.count + 1))
        let body = if let handler = handlers[operation] {
            await InFlightWork.track("rpc \(service.rawValue).\(operation)") { await handler(request) }
        } else { unknownOperation(operation) }
        if let replyTo = request.replyTo {
            let reply = OutboundMessage(exchange: "", routingKey: replyTo, body: body,
                                        correlationID: request.correlationID, persistent: false)
            do {
                try await link.publish(reply)
            } catch {
                logger.warning("RPC reply not sent", metadata: ["operation": "\(operation)", "error": "\(error)"])
            }
        }
        link.ack(request)
    }
}
