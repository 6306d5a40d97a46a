import Contracts
import Foundation
import Messaging
import ServiceKit

/// Asks processing, as the `system` role, for one case's facts (`processing.case-facts`): the
/// agency, owner and state an e-result is decided on. Documents keeps no copy of cases; what a
/// request body says about them decides nothing.
struct CaseFactsClient: Sendable {
    static let caller = Caller(userId: "documents", kind: "system",
                               assignments: [RoleAssignment(role: "system", orgUnit: "SYSTEM")])

    let client: RPCClient
    let timeout: Duration

    /// The case's facts; nil when processing knows no such case.
    func facts(_ code: String, requestID: String?) async throws -> CaseFacts? {
        // Until the client's link is up (right after start-up), wait a little rather than fail.
        for _ in 0..<100 where !client.link.isConnected { try await Task.sleep(for: .milliseconds(20)) }
        let request = RPCRequest(caller: Self.caller, requestId: requestID ?? UUID().uuidString.lowercased(),
                                 payload: CaseReference(code: code))
        let body: Data
        do {
            body = try await client.call(routingKey: ServiceName.processing.operation("case-facts"),
                                         body: try WireJSON.encode(request), timeout: timeout)
        } catch {
            throw Problem(status: 503, title: "Processing unavailable",
                          detail: "Không kiểm tra được hồ sơ \(code) với dịch vụ xử lý; thử lại sau. "
                              + "The dossier's case could not be checked with processing; try again shortly.", retryAfter: 5)
        }
        let reply = try WireJSON.decode(RPCReply<CaseFacts>.self, from: body)
        if let problem = reply.error {
            if problem.status == 404 { return nil }
            throw problem
        }
        guard let facts = reply.ok else { throw Problem.internalError }
        return facts
    }
}
