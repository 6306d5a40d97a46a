import Contracts
import Domain
import Foundation
import ServiceKit

/// `documents.dossier`: the documents of one dossier with their components — for the officers
/// serving the dossier's agency and for its applicant (the case's owner, as processing holds it).
struct DossierDocumentsHandler: Sendable {
    let runtime: ServiceRuntime
    let store: DocumentStore
    let links: DossierLinkStore
    let units: OrgUnitCopies
    let cases: CaseFactsClient

    func list(_ request: CaseReference, context: RPCContext) async throws -> DossierDocuments {
        guard context.caller.isAuthenticated else { throw Problem.authenticationRequired }
        guard let code = DossierCode(request.code) else {
            throw ValidationFailure([FieldError(field: "code", message: "must be a dossier code such as 000.00.00.H30-251125-0001")])
        }
        let logger = context.logger
        let serving = try await runtime.database.withConnection { connection in
            try await DocumentAccess.servesDossier(code.description, caller: context.caller, units: units, on: connection, logger: logger)
        }
        let facts = try await cases.facts(code.description, requestID: context.requestId)
        if !serving {
            guard let owner = facts?.ownerId, owner == context.caller.userId else {
                throw DocumentClaims.forbidden("Only the applicant and the officers of the agency handling dossier \(code) see its documents.")
            }
        }
        guard facts != nil else { throw Problem.notFound("No dossier \(code).") }
        let items = try await runtime.database.withConnection { connection in
            try await links.documents(of: code.description, store: store, on: connection, logger: logger)
        }
        return DossierDocuments(code: code.description, items: items)
    }
}
