import Contracts
import Domain

/// The status changes an applicant is told about.
enum Notice: String, Sendable {
    /// Received (status 2), with the appointment date.
    case received
    /// Supplement requested (form 02), with the missing items.
    case supplementRequested = "supplement-requested"
    /// The result is issued and ready to collect.
    case resultReady = "result-ready"
    /// The due date passed: an apology.
    case overdueApology = "overdue-apology"

    init?(_ event: DossierEvent) {
        switch event.partnerName {
        case WorkflowEvent.statusChanged.rawValue where event.toStatus == NationalStatus.received.rawValue: self = .received
        case WorkflowEvent.supplementRequested.rawValue: self = .supplementRequested
        case WorkflowEvent.resultIssued.rawValue: self = .resultReady
        case "dossier.overdue": self = .overdueApology
        default: return nil
        }
    }
}
