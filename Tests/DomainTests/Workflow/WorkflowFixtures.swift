import Domain

/// Representative dossiers and valid actions for the workflow tests.
enum WorkflowFixtures {
    static let agencyB = AgencyIdentifier("000.00.01.H30")!
    static let agencyC = AgencyIdentifier("000.00.02.H30")!
    /// The procedure's workflow in the fixtures has three steps.
    static let stepCount = 3

    /// A dossier in `state`, at the second of three steps, assigned, one consultation pending when
    /// awaiting consultation, extension unused: every allowed action then leads to the rule's
    /// first target.
    static func workflow(in state: DossierState) -> DossierWorkflow {
        DossierWorkflow(state: state, currentStep: 1, assignee: "cv.an",
                        pendingConsultations: state == .awaitingConsultation ? [agencyB] : [])
    }

    /// A valid action of `kind` for `workflow`.
    static func action(_ kind: DossierAction.Kind, for workflow: DossierWorkflow) -> DossierAction {
        switch kind {
        case .receive: .receive
        case .requestSupplement: .requestSupplement(missingItems: ["Bản sao giấy khai sinh", "Ảnh 4x6"])
        case .refuse: .refuse(reason: "Không thuộc thẩm quyền giải quyết")
        case .supplement: .supplement(supplied: ["doc-17"])
        case .transfer: .transfer
        case .assign: .assign(assignee: "cv.binh")
        case .completeStep: .completeStep(stepCount: stepCount)
        case .sendBack: .sendBack(reason: "Thiếu ý kiến thẩm định")
        case .consult: .consult(agencies: [agencyB])
        case .replyConsultation: .replyConsultation(agency: workflow.pendingConsultations.first ?? agencyB)
        case .requestPayment: .requestPayment(amount: 500_000)
        case .confirmPayment: .confirmPayment(reference: "PAY-2025-0001")
        case .extend: .extend(reason: "Chờ kết quả xác minh")
        case .stop: .stop(reason: "Người nộp không bổ sung hồ sơ")
        case .approve: .approve
        case .issueResult: .issueResult(resultDocuments: ["doc-99"])
        case .returnResult: .returnResult(channel: .direct)
        case .withdraw: .withdraw(reason: "Không còn nhu cầu")
        }
    }
}

/// A dossier driven through a sequence of actions, keeping every transition.
struct WorkflowRun {
    private(set) var workflow: DossierWorkflow
    private(set) var transitions: [Transition]

    init(opening channel: SubmissionChannel) {
        let opening = DossierWorkflow.open(channel: channel)
        workflow = opening.workflow
        transitions = [opening]
    }

    /// Applies an action that must be accepted; throws the `WorkflowError` otherwise.
    @discardableResult
    mutating func apply(_ action: DossierAction, by role: Role) throws -> Transition {
        let transition = try DossierStateMachine.apply(action, by: role, to: workflow).get()
        workflow = transition.workflow
        transitions.append(transition)
        return transition
    }

    /// Applies an action that must be refused, returning the error; the workflow stays as it was.
    func refusal(_ action: DossierAction, by role: Role) -> WorkflowError? {
        guard case .failure(let error) = DossierStateMachine.apply(action, by: role, to: workflow) else { return nil }
        return error
    }

    var statuses: [Int] { transitions.map(\.toStatus.rawValue) }
    var forms: [DossierForm?] { transitions.map(\.form) }
}
