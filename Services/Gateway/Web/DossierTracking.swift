import Contracts
import Foundation

/// The public view of a dossier by code and lookup token, as `GET /api/v1/dossiers/{code}?token=`
/// answers it: processing's status and history once it has opened the case, intake's facts
/// until then (a wrong token is refused by both).
struct DossierTracking {
    let backend: Backend

    struct Tracked {
        var code: String
        var submission: CaseSubmission
        var status: StatusView
        var dueAt: Date?
        var history: [StatusHistoryEntry]
    }

    func lookup(code: String, token: String, caller: Caller, requestID: String) async throws -> Tracked {
        let lookup = DossierLookup(code: code, lookupToken: token)
        let processing: CaseView?
        do {
            processing = try await backend.call(.processing, "status", lookup, as: CaseView.self, caller: caller, requestID: requestID)
        } catch let problem as Problem where problem.status == 404 {
            processing = nil
        }
        if let processing, let known = processing.submission {
            return Tracked(code: code, submission: known, status: processing.status, dueAt: processing.dueAt, history: processing.history)
        }
        let dossier = try await backend.call(.intake, "get", lookup, as: IntakeDossierView.self, caller: caller, requestID: requestID)
        let submission = CaseSubmission(procedureCode: dossier.procedureCode, agencyCode: dossier.agencyCode, channel: dossier.channel,
                                        applicantKind: dossier.applicantKind, submittedAt: dossier.submittedAt)
        return Tracked(code: code, submission: submission, status: processing?.status ?? dossier.status, dueAt: processing?.dueAt,
                       history: processing?.history ?? [])
    }
}
