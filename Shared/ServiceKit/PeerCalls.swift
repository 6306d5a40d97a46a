import Contracts
import Foundation
import Messaging
import ServiceLifecycle

/// Calls to another service on behalf of the caller being served (the caller is forwarded, so
/// the other service checks its own rights), over one long-lived client started by `run()`.
public struct PeerCalls: Sendable {
    let client: RPCClient
    let timeout: Duration

    public init(runtime: ServiceRuntime, timeout: Duration = .seconds(10)) {
        client = RPCClient(configuration: runtime.environment.amqp(for: runtime.service), name: "\(runtime.service.rawValue)-calls",
                           logger: runtime.logger)
        self.timeout = timeout
    }

    public func call<Payload: Codable & Sendable, Reply: Codable & Sendable>(
        _ service: ServiceName, _ operation: String, _ payload: Payload, as reply: Reply.Type, caller: Caller, requestID: String
    ) async throws -> Reply {
        let request = RPCRequest(caller: caller, requestId: requestID, payload: payload)
        let body = try await client.call(routingKey: service.operation(operation), body: try WireJSON.encode(request),
                                         timeout: timeout)
        let decoded = try WireJSON.decode(RPCReply<Reply>.self, from: body)
        if let problem = decoded.error { throw problem }
        guard let ok = decoded.ok else { throw Problem.internalError }
        return ok
    }

    /// Receives replies until the service shuts down gracefully.
    public func run() async {
        await withDiscardingTaskGroup { group in
            group.addTask { await client.run() }
            try? await gracefulShutdown()
            await client.link.shutdown()
        }
    }
}
