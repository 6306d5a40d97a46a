import Contracts
import Foundation
import Messaging

/// Typed calls from the gateway to the services over AMQP RPC. A service's `Problem` is
/// rethrown as is, so the client gets the owning service's words.
struct Backend: Sendable {
    let client: RPCClient
    let timeout: Duration

    func call<Payload: Codable & Sendable, Reply: Codable & Sendable>(
        _ service: ServiceName, _ operation: String, _ payload: Payload, as reply: Reply.Type,
        caller: Caller = .anonymous, requestID: String, timeout: Duration? = nil
    ) async throws -> Reply {
        let request = RPCRequest(caller: caller, requestId: requestID, payload: payload)
        let body = try await client.call(routingKey: service.operation(operation), body: try WireJSON.encode(request),
                                         timeout: timeout ?? self.timeout)
        let decoded = try WireJSON.decode(RPCReply<Reply>.self, from: body)
        if let problem = decoded.error { throw problem }
        guard let ok = decoded.ok else { throw Problem.internalError }
        return ok
    }
}
