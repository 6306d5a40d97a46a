/// The workflow part of one dossier: everything the transition rules read or change. A plain
/// value: `DossierStateMachine.apply` returns the next value and never changes this one.
public struct DossierWorkflow: Sendable, Codable, Hashable {
    public internal(set) var state: DossierState
    /// The index (from 0) of the procedure workflow step being handled; 0 until assignment.
    public internal(set) var currentStep: Int
    /// The specialist the department head assigned, once assigned.
    public internal(set) var assignee: String?
    /// True once form 04 was issued: the extension is allowed once per dossier.
    public internal(set) var extensionUsed: Bool
    /// The consulted agencies that have not replied yet, in the order they were asked.
    public internal(set) var pendingConsultations: [AgencyIdentifier]

    /// Restores a workflow as stored; new dossiers start with `open(channel:)`.
    public init(state: DossierState, currentStep: Int = 0, assignee: String? = nil,
                extensionUsed: Bool = false, pendingConsultations: [AgencyIdentifier] = []) {
        self.state = state
        self.currentStep = currentStep
        self.assignee = assignee
        self.extensionUsed = extensionUsed
        self.pendingConsultations = pendingConsultations
    }

    /// The status shown to applicants.
    public var nationalStatus: NationalStatus { state.nationalStatus }

    /// Opens the workflow of a new submission. Online and postal submissions wait for the
    /// officer's check (status 1); a counter submission was checked by the officer who entered it,
    /// so it is received at once (status 2, form 01, the clock starts). Who may submit on which
    /// channel is intake's rule.
    public static func open(channel: SubmissionChannel) -> Transition {
        switch channel {
        case .online, .postal:
            Transition(from: nil, to: DossierWorkflow(state: .awaitingReception), form: nil, events: [.submitted])
        case .direct:
            Transition(from: nil, to: DossierWorkflow(state: .received), form: .receipt, events: [.submitted, .received])
        }
    }
}
