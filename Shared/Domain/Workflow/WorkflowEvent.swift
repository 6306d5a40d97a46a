/// The events a transition announces, named `dossier.<event>` without the producing service's
/// prefix (EVENTS.md); the owning service adds it to form the routing key.
public enum WorkflowEvent: String, CaseIterable, Sendable, Codable, Hashable {
    case submitted = "dossier.submitted"
    case received = "dossier.received"
    case supplementRequested = "dossier.supplement-requested"
    case supplemented = "dossier.supplemented"
    case refused = "dossier.refused"
    case transferred = "dossier.transferred"
    case assigned = "dossier.assigned"
    case stepCompleted = "dossier.step-completed"
    case sentBack = "dossier.sent-back"
    case consultationRequested = "dossier.consultation-requested"
    case consultationReplied = "dossier.consultation-replied"
    case paymentRequested = "dossier.payment-requested"
    case paymentConfirmed = "dossier.payment-confirmed"
    case extended = "dossier.extended"
    case stopped = "dossier.stopped"
    case approved = "dossier.approved"
    case resultIssued = "dossier.result-issued"
    case resultReturned = "dossier.result-returned"
    case withdrawn = "dossier.withdrawn"
    /// Emitted, after the action's own event, whenever the national status changes.
    case statusChanged = "dossier.status-changed"
}
