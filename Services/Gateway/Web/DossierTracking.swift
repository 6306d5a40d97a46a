import Contracts
import Foundation

/// The public view of a dossier by code and lookup token, for `GET /api/v1/dossiers/{code}?token=`
/// and the status page: processing opens the case from intake's event a moment after submission
/// and keeps the submission's facts, so once it has, it answers alone; until then intake's status
/// is the whole story (a wrong token is refused by both). Without a token (`nil`), processing
/// answers the dossier's applicant signed in (the owner's page).
struct DossierTracking {
    let backend: Backend

    struct Tracked: Sendable {
        var code: String
        var submission: CaseSubmission
        var status: StatusView
        /// Processing's workflow state, once it has opened the case.
        var state: String?
        var dueAt: Date?
        var history: [StatusHistoryEntry]
        /// What the case waits for from the applicant (processing's, once it has opened the case).
        var applicantTask: ApplicantTask?
    }

    func lookup(code: String, token: String?, caller: Caller, requestID: String) async throws -> Tracked {
        let lookup = DossierLookup(code: code, lookupToken: token)
        let processing: CaseView?
        do {
            processing = try await backend.call(.processing, "status", lookup, as: CaseView.self, caller: caller, requestID: requestID)
        } catch let problem as Problem where problem.status == 404 {
            processing = nil
        }
        if let processing, let known = processing.submission {
            return Tracked(code: code, submission: known, status: processing.status, state: processing.state, dueAt: processing.dueAt,
                           history: processing.history, applicantTask: processing.applicantTask)
        }
        let dossier = try await backend.call(.intake, "get", lookup, as: IntakeDossierView.self, caller: caller, requestID: requestID)
        let submission = CaseSubmission(procedureCode: dossier.procedureCode, agencyCode: dossier.agencyCode, channel: dossier.channel,
                                        applicantKind: dossier.applicantKind, submittedAt: dossier.submittedAt)
        return Tracked(code: code, submission: submission, status: processing?.status ?? dossier.status, state: processing?.state,
                       dueAt: processing?.dueAt,
                       history: processing?.history ?? [], applicantTask: processing?.applicantTask)
    }
}
