import Contracts
import Foundation
import Messaging

/// RPC calls to the other services as integration itself: a `system` caller, which processing
/// lets confirm payments and read a case (for the applicant's contact details).
struct SystemCalls: Sendable {
    static let caller = Caller(userId: "integration", kind: "system",
                               assignments: [RoleAssignment(role: "system", orgUnit: "SYSTEM")])

    let client: RPCClient
    let timeout: Duration

    func call<Payload: Codable & Sendable, Reply: Codable & Sendable>(
        _ service: ServiceName, _ operation: String, _ payload: Payload, as reply: Reply.Type, requestID: String
    ) async throws -> Reply {
        let request = RPCRequest(caller: Self.caller, requestId: requestID, payload: payload)
        let body = try await client.call(routingKey: service.operation(operation), body: try WireJSON.encode(request),
                                         timeout: timeout)
        let decoded = try WireJSON.decode(RPCReply<Reply>.self, from: body)
        if let problem = decoded.error { throw problem }
        guard let ok = decoded.ok else { throw Problem.internalError }
        return ok
    }
}
