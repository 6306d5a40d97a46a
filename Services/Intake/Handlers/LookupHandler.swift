import Contracts
import Domain
import Foundation
import ServiceKit

/// `intake.get`: the public view of a dossier, for whoever holds its lookup token.
/// An unknown code and a wrong token get the same 404, so codes cannot be probed.
struct LookupHandler: Sendable {
    let runtime: ServiceRuntime
    let store: DossierStore

    func handle(_ lookup: DossierLookup, context: RPCContext) async throws -> IntakeDossierView {
        guard DossierCode(lookup.code) != nil else {
            throw ValidationFailure([FieldError(field: "code", message: "must be a dossier code such as 000.00.00.H30-251125-0001")])
        }
        guard let token = lookup.lookupToken, !token.isEmpty else {
            throw Problem(status: 401, title: "Lookup token required",
                          detail: "Pass the lookup token given at submission as ?token=.")
        }
        let found = try await runtime.database.withConnection { connection in
            try await store.find(code: lookup.code, on: connection, logger: context.logger)
        }
        guard let dossier = found, LookupTokenDigest.matches(token, digest: dossier.lookupTokenHash) else {
            throw Problem.notFound("No dossier \(lookup.code) matches this lookup token.")
        }
        return IntakeDossierView(code: dossier.code, procedureCode: dossier.procedureCode, agencyCode: dossier.agencyCode,
                                 channel: dossier.channel, applicantKind: dossier.applicantKind,
                                 submittedAt: dossier.submittedAt, status: StatusView(dossier.status))
    }
}
