import Contracts
import Domain
import Foundation

/// One case as processing stores it: the workflow value, the deadline clock and what the forms,
/// queues and events need. Loaded `FOR UPDATE` by the action handler, changed, saved back.
struct CaseRecord: Sendable {
    let code: String
    let agencyCode: String
    let procedureCode: String
    let procedureVersion: Int?
    var procedureName: String?
    let channel: SubmissionChannel
    let lookupTokenHash: String
    var applicant: ApplicantSummary?
    var ownerId: String?
    var attachments: [Submission.Attachment]
    var workflow: DossierWorkflow
    var clock: DeadlineClock?
    let submittedAt: Date
    var receivedAt: Date?
    var finishedAt: Date?
    var returnedAt: Date?
    var holderUnit: String?
    var overdue: Bool
    var resultCodes: [String]
    /// The last `sequence` used in this dossier's events.
    var eventSequence: Int64

    var state: DossierState { workflow.state }
    var status: NationalStatus { workflow.nationalStatus }
    /// The due moment in force (while suspended, the one in force at the suspension).
    var dueAt: Date? { clock.map { $0.due(at: $0.history[$0.history.count - 1].moment).date } }

    /// The next event sequence number, reserved.
    mutating func nextSequence() -> Int64 {
        eventSequence += 1
        return eventSequence
    }

    /// The status change's side as events carry it.
    var side: DossierStatusChanged.Side { DossierStatusChanged.Side(status: status, state: state.rawValue) }
}
