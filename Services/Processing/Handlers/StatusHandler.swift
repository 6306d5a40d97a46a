import Contracts
import Domain
import ServiceKit

/// `processing.status`: the case's status and history, for the holder of the lookup token.
struct StatusHandler: Sendable {
    let runtime: ServiceRuntime
    let store: CaseStore

    func handle(_ lookup: DossierLookup, context: RPCContext) async throws -> CaseView {
        guard let token = lookup.lookupToken, !token.isEmpty else {
            throw Problem(status: 401, title: "Lookup token required", detail: "Pass the lookup token given at submission as ?token=.")
        }
        let found = try await runtime.database.withConnection { connection in
            try await store.view(code: lookup.code, on: connection, logger: context.logger)
        }
        guard let (view, hash) = found, LookupTokenDigest.matches(token, digest: hash) else {
            throw Problem.notFound("No case \(lookup.code) matches this lookup token.")
        }
        return view
    }
}
