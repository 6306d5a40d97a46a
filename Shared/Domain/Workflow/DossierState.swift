/// The internal workflow states of a dossier, finer than the national status (DOMAIN.md, "The
/// process"). Each state maps to exactly one `NationalStatus`; the raw value is what events and
/// the history record as the internal `state`.
public enum DossierState: String, CaseIterable, Sendable, Codable, Hashable {
    /// Submitted online or by post, awaiting the one-stop officer's check.
    case awaitingReception = "awaiting-reception"
    /// The officer asked for a supplement at reception (form 02); waiting for the applicant.
    case supplementRequestedAtReception = "supplement-requested-at-reception"
    /// Refused at reception (form 03).
    case refused
    /// Received (form 01); the clock runs; not yet sent to the competent agency.
    case received
    /// At the competent agency, awaiting a department head's assignment.
    case transferred
    /// Assigned to a specialist and moving through the procedure's workflow steps.
    case inHandling = "in-handling"
    /// Waiting for replies from consulted agencies (liên thông).
    case awaitingConsultation = "awaiting-consultation"
    /// The handling agency asked for a supplement (form 02); the clock is suspended.
    case supplementRequestedDuringHandling = "supplement-requested-during-handling"
    /// Waiting for the applicant's fees or taxes; the clock is suspended.
    case awaitingPayment = "awaiting-payment"
    /// Every workflow step is done; the draft result awaits the agency leader's approval.
    case awaitingApproval = "awaiting-approval"
    /// Handling stopped (form 05).
    case stopped
    /// The agency leader approved the result; it is being signed and sent to the one-stop desk.
    case approved
    /// The result reached the one-stop desk and is ready for return.
    case resultIssued = "result-issued"
    /// The result was returned to the applicant.
    case returned
    /// The applicant withdrew the dossier.
    case withdrawn

    /// The status shown to applicants and synchronised with the national portal.
    public var nationalStatus: NationalStatus {
        switch self {
        case .awaitingReception: .submitted
        case .received: .received
        case .refused: .refused
        case .transferred, .inHandling, .awaitingConsultation, .awaitingApproval: .inProgress
        case .supplementRequestedAtReception, .supplementRequestedDuringHandling: .supplementRequested
        case .awaitingPayment: .financialObligation
        case .withdrawn: .withdrawn
        case .stopped: .stopped
        case .approved, .resultIssued: .resolved
        case .returned: .returned
        }
    }

    /// True when the dossier is finished and accepts no further action.
    public var isFinal: Bool { nationalStatus.isFinal }

    /// The state and its national status, as error messages name them.
    public var summary: String {
        "\(rawValue) (status \(nationalStatus.rawValue), \(nationalStatus.vietnameseName))"
    }
}
