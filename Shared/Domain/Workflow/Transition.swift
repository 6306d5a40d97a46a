/// What an accepted action did: the new workflow value and what the caller must record and emit.
public struct Transition: Sendable, Hashable {
    /// The state before; nil when the dossier was just opened.
    public let from: DossierState?
    /// The workflow value after the action.
    public let workflow: DossierWorkflow
    /// The form to issue, if any.
    public let form: DossierForm?
    /// What happens to the processing clock, if anything.
    public let clock: ClockEffect?
    /// The events to emit, in order: the action's own, then `dossier.status-changed` when the
    /// national status changed.
    public let events: [WorkflowEvent]

    init(from: DossierState?, to workflow: DossierWorkflow, form: DossierForm?, events: [WorkflowEvent]) {
        self.from = from
        self.workflow = workflow
        self.form = form
        self.clock = ClockEffect.between(from, workflow.state)
        let statusChanged = from?.nationalStatus != workflow.state.nationalStatus
        self.events = statusChanged ? events + [.statusChanged] : events
    }

    /// The state after.
    public var to: DossierState { workflow.state }
    /// The national status before; nil when the dossier was just opened.
    public var fromStatus: NationalStatus? { from?.nationalStatus }
    /// The national status after.
    public var toStatus: NationalStatus { workflow.state.nationalStatus }
    /// True when the national status changed (partners are told).
    public var changesStatus: Bool { fromStatus != toStatus }
}
