import Contracts
import Foundation
import Messaging
import ServiceKit

/// Asks processing, as the `system` role, for one case's facts (`processing.case-facts`): the
/// agency, owner and state an e-result is decided on. Documents keeps no copy of cases; what a
/// request body says about them decides nothing. Rides on the service's one `PeerCalls` client.
struct CaseFactsClient: Sendable {
    static let caller = Caller(userId: "documents", kind: "system",
                               assignments: [RoleAssignment(role: "system", orgUnit: "SYSTEM")])

    let calls: PeerCalls

    /// The case's facts; nil when processing knows no such case.
    func facts(_ code: String, requestID: String?) async throws -> CaseFacts? {
        do {
            return try await calls.call(.processing, "case-facts", CaseReference(code: code), as: CaseFacts.self,
                                        caller: Self.caller, requestID: requestID ?? UUID().uuidString.lowercased())
        } catch let problem as Problem {
            if problem.status == 404 { return nil }
            throw problem
        } catch {
            throw Problem(status: 503, title: "Processing unavailable",
                          detail: "Không kiểm tra được hồ sơ \(code) với dịch vụ xử lý; thử lại sau. "
                              + "The dossier's case could not be checked with processing; try again shortly.", retryAfter: 5)
        }
    }
}
