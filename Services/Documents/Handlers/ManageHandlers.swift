import Contracts
import Domain
import Foundation
import ServiceKit

/// `documents.attach` (a stored document becomes a dossier component — "do not ask twice":
/// a new dossier reuses a document of the applicant's store; who may: `DocumentClaims`; an
/// anonymous applicant with the dossier's lookup token, only a document uploaded anonymously) and
/// `documents.legal-hold` (audited in documents' own trail, `documents.audit_log`).
struct ManageHandlers: Sendable {
    let runtime: ServiceRuntime
    let settings: DocumentsSettings
    let store: DocumentStore
    let units: OrgUnitCopies
    let dossiers: DossierOwnership
    let audit: AuditChain

    func attach(_ request: AttachDocument, context: RPCContext) async throws -> DocumentView {
        let token = context.caller.isAuthenticated ? nil : request.lookupToken.flatMap { $0.isEmpty ? nil : $0 }
        guard context.caller.isAuthenticated || token != nil else { throw Problem.authenticationRequired }
        var errors: [FieldError] = []
        let id = UUID(uuidString: request.id)
        if id == nil { errors.append(FieldError(field: "id", message: "must be a document id (UUID)")) }
        if DossierCode(request.dossierCode) == nil {
            errors.append(FieldError(field: "dossierCode", message: "must be a dossier code such as 000.00.00.H30-251125-0001"))
        }
        if request.componentCode.isEmpty || request.componentCode.count > 64 {
            errors.append(FieldError(field: "componentCode", message: "must name the dossier component (1 to 64 characters)"))
        }
        guard errors.isEmpty, let id else { throw ValidationFailure(errors) }
        let logger = context.logger
        return try await runtime.database.transaction(logger: logger) { connection in
            guard let document = try await store.find(id, on: connection, logger: logger) else {
                throw Problem.notFound("No document \(request.id).")
            }
            if let token {
                let claim = try await store.claims([id], on: connection, logger: logger)[id]
                try await DocumentClaims.requireTokenWrite(claim, into: request.dossierCode, token: token, dossiers: dossiers,
                                                           requestID: context.requestId)
            } else {
                try await DocumentClaims.requireDossierWrite(document, into: request.dossierCode, caller: context.caller, units: units,
                                                             dossiers: dossiers, requestID: context.requestId,
                                                             on: connection, logger: logger)
            }
            if document.dossierCode != request.dossierCode {
                let attached = try await store.dossierBytes(request.dossierCode, on: connection, logger: logger)
                guard attached + document.size <= settings.maximumDossierBytes else {
                    throw Problem(status: 413, title: "Dossier too large",
                                  detail: "The files of dossier \(request.dossierCode) may total at most \(settings.maximumDossierBytes) bytes.",
                                  errors: [FieldError(field: "dossierCode", message: "would exceed \(settings.maximumDossierBytes) bytes")])
                }
            }
            try await store.attach(id, dossierCode: request.dossierCode, componentCode: request.componentCode, on: connection, logger: logger)
            guard let view = try await store.find(id, on: connection, logger: logger) else { throw Problem.internalError }
            return view
        }
    }

    func legalHold(_ request: LegalHold, context: RPCContext) async throws -> DocumentView {
        try context.caller.require(.administrator, forbidden: "Only administrators place or lift legal holds.")
        guard let id = UUID(uuidString: request.id) else {
            throw ValidationFailure([FieldError(field: "id", message: "must be a document id (UUID)")])
        }
        try await runtime.database.withConnection { connection in
            try await LegalHoldScope.require(id, caller: context.caller, store: store, units: units, on: connection, logger: context.logger)
        }
        let logger = context.logger
        return try await runtime.database.transaction(logger: logger) { connection in
            guard let before = try await store.find(id, on: connection, logger: logger),
                  try await store.setLegalHold(id, hold: request.hold, on: connection, logger: logger),
                  let view = try await store.find(id, on: connection, logger: logger) else {
                throw Problem.notFound("No document \(request.id).")
            }
            try await audit.append(actor: context.caller.userId ?? "-", action: request.hold ? "legal-hold.placed" : "legal-hold.lifted",
                                   subject: id.uuidString.lowercased(),
                                   detail: LegalHoldAudit.detail(before: before, after: view, requestID: context.requestId),
                                   on: connection, logger: logger)
            logger.info("legal hold \(request.hold ? "placed" : "lifted")", metadata: ["id": "\(request.id)"])
            return view
        }
    }
}
