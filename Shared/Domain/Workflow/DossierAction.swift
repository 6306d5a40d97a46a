/// One step a caller asks for (API.md, `POST /api/v1/dossiers/{code}/{action}`), with the data
/// its rule needs. Free texts are checked trimmed; see `DossierAction.dataErrors(in:)`.
public enum DossierAction: Sendable, Codable, Hashable {
    /// The officer found the dossier complete (form 01; the clock starts).
    case receive
    /// The dossier is incomplete: every missing item, listed once and in full (form 02). At
    /// reception it waits for the applicant unclocked; during handling it suspends the clock.
    case requestSupplement(missingItems: [String])
    /// Refused at reception: not eligible or not this agency (form 03).
    case refuse(reason: String)
    /// The applicant supplied what was asked (document ids or corrected items).
    case supplement(supplied: [String])
    /// Sent to the competent agency.
    case transfer
    /// A department head assigns (or reassigns) the dossier to a specialist.
    case assign(assignee: String)
    /// The current workflow step is done; `stepCount` is the number of steps in the procedure
    /// version's workflow, so the last step leads to approval.
    case completeStep(stepCount: Int)
    /// Back to the previous holder: the previous step, or the department head from the first.
    case sendBack(reason: String)
    /// Ask other agencies for their opinion (liên thông).
    case consult(agencies: [AgencyIdentifier])
    /// One consulted agency answered.
    case replyConsultation(agency: AgencyIdentifier)
    /// The applicant must pay fees or taxes first; `amount` in đồng.
    case requestPayment(amount: Int)
    /// The payment arrived; `reference` is the receipt or the payment platform's transaction.
    case confirmPayment(reference: String)
    /// The dossier will be late: apology and new appointment (form 04), once per dossier.
    case extend(reason: String)
    /// Handling stops, with reasons (form 05).
    case stop(reason: String)
    /// The agency leader approves the result.
    case approve
    /// The signed result (one or more result documents) goes to the one-stop desk.
    case issueResult(resultDocuments: [String])
    /// The result was handed over at the desk, sent by public post, or delivered online.
    case returnResult(channel: SubmissionChannel)
    /// The applicant withdraws the dossier.
    case withdraw(reason: String)

    /// The action without its data, as the transition table names it.
    public var kind: Kind {
        switch self {
        case .receive: .receive
        case .requestSupplement: .requestSupplement
        case .refuse: .refuse
        case .supplement: .supplement
        case .transfer: .transfer
        case .assign: .assign
        case .completeStep: .completeStep
        case .sendBack: .sendBack
        case .consult: .consult
        case .replyConsultation: .replyConsultation
        case .requestPayment: .requestPayment
        case .confirmPayment: .confirmPayment
        case .extend: .extend
        case .stop: .stop
        case .approve: .approve
        case .issueResult: .issueResult
        case .returnResult: .returnResult
        case .withdraw: .withdraw
        }
    }
}
