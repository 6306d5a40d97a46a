import Contracts
import Domain
import Logging
import PostgresNIO
import ServiceKit

/// A document's owner, uploader and dossier, as the claim rules need them.
struct DocumentClaim: Sendable, Hashable {
    var ownerId: String?
    var uploadedBy: String?
    var dossierCode: String?
    /// Taken by a dossier it was submitted with (`DossierLinkRule`: not its owner's to reuse).
    var taken = false

    /// Uploaded by an anonymous caller (owned by nobody) and in no dossier yet.
    var isAnonymousUnclaimed: Bool { ownerId == nil && uploadedBy == nil && dossierCode == nil && !taken }
}

/// Who may name a document in a submission, and who may put a document into a dossier.
///
/// Submissions (`documents.check-attachments`, called by intake with the submitter as caller):
/// a signed-in submitter names only documents they own; an anonymous submitter only documents
/// uploaded anonymously (owned by nobody) and not yet in a dossier; the `system` caller (the
/// national portal's dossiers, entered by integration) only existing documents not yet in a dossier.
/// Nobody names a document a dossier has taken (an anonymous upload, a portal file or an officer's
/// scan once submitted, `documents.dossier_documents`); the applicant's own documents are reused.
///
/// Writes into a dossier (`documents.attach`, an upload with `dossierCode`): staff must serve the
/// agency of the target dossier and, for an existing document, own it or serve the agency of the
/// dossier it is in; anyone else must own the document and the dossier (processing's owner of the
/// case).
enum DocumentClaims {
    static func refusal(_ claim: DocumentClaim?, caller: Caller) -> String? {
        guard let claim else { return "is not a stored document" }
        if claim.taken { return "already belongs to another dossier" }
        if caller.holds(Role.system.rawValue) {
            return claim.dossierCode == nil ? nil : "already belongs to another dossier"
        }
        guard let user = caller.userId else {
            return claim.isAnonymousUnclaimed ? nil : "is not a document uploaded anonymously for this submission"
        }
        return claim.ownerId == user ? nil : "belongs to another user"
    }

    /// 403 unless the caller may put `document` (nil: a new upload) into dossier `dossierCode`.
    static func requireDossierWrite(_ document: DocumentView?, into dossierCode: String, caller: Caller, units: OrgUnitCopies,
                                    dossiers: DossierOwnership, requestID: String,
                                    on connection: PostgresConnection, logger: Logger) async throws {
        guard caller.isAuthenticated else { throw Problem.authenticationRequired }
        if DocumentAccess.isStaff(caller) {
            guard try await DocumentAccess.servesDossier(dossierCode, caller: caller, units: units, on: connection, logger: logger) else {
                throw forbidden("Only officers of the agencies handling dossier \(dossierCode) put documents into it.")
            }
            guard let document, document.ownerId != caller.userId else { return }
            guard try await DocumentAccess.servesDossier(document.dossierCode, caller: caller, units: units, on: connection, logger: logger) else {
                throw forbidden("Officers attach only their own documents or documents of dossiers their agency handles.")
            }
            return
        }
        if let document, document.ownerId != caller.userId {
            throw forbidden("Only the document's owner attaches it to a dossier.")
        }
        guard try await dossiers.owns(dossierCode, caller: caller, requestID: requestID) else {
            throw forbidden("Only the applicant of dossier \(dossierCode) puts documents into it.")
        }
    }

    /// 403 unless an anonymous caller with dossier `dossierCode`'s lookup token (checked by
    /// processing) puts in a document uploaded anonymously and in no dossier (its id is the capability).
    static func requireTokenWrite(_ claim: DocumentClaim?, into dossierCode: String, token: String, dossiers: DossierOwnership,
                                  requestID: String) async throws {
        guard claim?.isAnonymousUnclaimed == true else {
            throw forbidden("With a lookup token only a document uploaded anonymously, and in no dossier yet, goes into the dossier.")
        }
        guard try await dossiers.admits(dossierCode, lookupToken: token, requestID: requestID) else {
            throw forbidden("The lookup token is not dossier \(dossierCode)'s.")
        }
    }

    static func forbidden(_ detail: String) -> Problem {
        Problem(status: 403, title: "Forbidden", detail: detail)
    }
}

/// Whether a non-staff caller is the applicant of a dossier: its owner as processing holds it
/// (`processing.case-facts`). Seeing the case is not enough — a supervisor sees the cases of the
/// agencies they supervise, but reads only and puts nothing into them.
struct DossierOwnership: Sendable {
    let calls: PeerCalls

    func owns(_ dossierCode: String, caller: Caller, requestID: String) async throws -> Bool {
        guard let user = caller.userId,
              let facts = try await CaseFactsClient(calls: calls).facts(dossierCode, requestID: requestID) else { return false }
        return facts.ownerId == user
    }

    /// Whether `token` is the lookup token of the dossier, as processing checks it (`processing.status`).
    func admits(_ dossierCode: String, lookupToken token: String, requestID: String) async throws -> Bool {
        do {
            _ = try await calls.call(.processing, "status", DossierLookup(code: dossierCode, lookupToken: token), as: CaseView.self,
                                     caller: .anonymous, requestID: requestID)
            return true
        } catch let problem as Problem where problem.status == 404 {
            return false
        }
    }
}
