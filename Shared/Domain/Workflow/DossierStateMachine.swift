/// The dossier workflow's rules as pure functions, in the manner of postgres-nio's state
/// machines: given a value and an input, return what happened; no I/O, no clock, no storage.
public enum DossierStateMachine {
    /// Applies `action`, taken by `role`, to `workflow`. Checks, in order: the action is allowed in
    /// the state (409), the role may take it there (403), the dossier allows it now — the
    /// extension is not used yet (409), and the action's data is valid (400).
    public static func apply(_ action: DossierAction, by role: Role, to workflow: DossierWorkflow) -> Result<Transition, WorkflowError> {
        let kind = action.kind
        let state = workflow.state
        if let refusal = refusal(of: kind, by: role, in: workflow) {
            return .failure(refusal)
        }
        let errors = action.dataErrors(in: workflow)
        guard errors.isEmpty else {
            return .failure(.invalidData(kind, errors))
        }
        let next = advance(workflow, by: action)
        return .success(Transition(from: state, to: next, form: kind.issuedForm, events: [kind.event]))
    }

    /// Why `role` may not take an action of `kind` now, before looking at its data: not in this
    /// state (409), not this role (403), or the extension already used (409); nil when it may.
    public static func refusal(of kind: DossierAction.Kind, by role: Role, in workflow: DossierWorkflow) -> WorkflowError? {
        let state = workflow.state
        guard let rule = rule(for: kind, in: state) else {
            return .notAllowedInState(state, kind, reason: whyNot(kind, in: state))
        }
        guard rule.allows(role) else {
            return .roleNotAllowed(role, kind, state, allowed: rule.roles)
        }
        if kind == .extend, workflow.extensionUsed {
            return .notAllowedInState(state, kind, reason: "the extension (form 04) was already granted; it is allowed once per dossier")
        }
        return nil
    }

    /// The workflow after an action the table allows in its state and whose data is valid.
    private static func advance(_ workflow: DossierWorkflow, by action: DossierAction) -> DossierWorkflow {
        var next = workflow
        switch action {
        case .receive:
            next.state = .received
        case .requestSupplement:
            next.state = workflow.state == .awaitingReception ? .supplementRequestedAtReception : .supplementRequestedDuringHandling
        case .refuse:
            next.state = .refused
        case .supplement:
            next.state = workflow.state == .supplementRequestedAtReception ? .awaitingReception : .inHandling
        case .transfer:
            next.state = .transferred
        case .assign(let assignee):
            if workflow.state == .transferred { next.currentStep = 0 }
            next.assignee = assignee.trimmingWhitespace
            next.state = .inHandling
        case .completeStep(let stepCount):
            if workflow.currentStep + 1 < stepCount {
                next.currentStep += 1
            } else {
                next.state = .awaitingApproval
            }
        case .sendBack:
            if workflow.state == .awaitingApproval {
                next.state = .inHandling
            } else if workflow.currentStep > 0 {
                next.currentStep -= 1
            } else {
                next.state = .transferred
                next.assignee = nil
            }
        case .consult(let agencies):
            next.pendingConsultations = agencies
            next.state = .awaitingConsultation
        case .replyConsultation(let agency):
            next.pendingConsultations.removeAll { $0 == agency }
            if next.pendingConsultations.isEmpty { next.state = .inHandling }
        case .requestPayment:
            next.state = .awaitingPayment
        case .confirmPayment:
            next.state = .inHandling
        case .extend:
            next.extensionUsed = true
        case .stop:
            next.state = .stopped
        case .approve:
            next.state = .approved
        case .issueResult:
            next.state = .resultIssued
        case .returnResult:
            next.state = .returned
        case .withdraw:
            next.state = .withdrawn
        }
        return next
    }

    /// Why the table has no line for `action` in `state`, naming where it is allowed.
    private static func whyNot(_ action: DossierAction.Kind, in state: DossierState) -> String {
        if state.isFinal {
            return "the dossier is finished and accepts no further action"
        }
        let allowedIn = rules.filter { $0.action == action }.map(\.state.rawValue)
        return "\(action.rawValue) is allowed only in \(allowedIn.joined(separator: ", "))"
    }
}
