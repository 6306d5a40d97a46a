import Contracts
import Domain
import ServiceKit

/// `processing.case-facts`: the case's agency, owner, state and result codes, for the other
/// services (the `system` role only; the gateway never grants it), so they decide on the case's
/// own data rather than on what a request body claims.
struct CaseFactsHandler: Sendable {
    let runtime: ServiceRuntime
    let store: CaseStore

    func handle(_ reference: CaseReference, context: RPCContext) async throws -> CaseFacts {
        guard context.caller.holds(Role.system.rawValue) else {
            throw Problem(status: 403, title: "Forbidden", detail: "Case facts are for the services only.")
        }
        let logger = context.logger
        guard let record = try await runtime.database.withConnection({ connection in
            try await store.load(code: reference.code, forUpdate: false, on: connection, logger: logger)
        }) else {
            throw ActHandler.notFound(reference.code)
        }
        return CaseFacts(code: record.code, agencyCode: record.agencyCode, ownerId: record.ownerId, state: record.state.rawValue,
                         resultCodes: record.resultCodes)
    }
}
