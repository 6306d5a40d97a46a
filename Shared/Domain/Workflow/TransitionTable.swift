/// The transition table (Decree 61 Arts. 17–20, Decree 118/2025): every allowed (state, action)
/// pair with its roles and targets. Anything absent is not allowed; final states have no line.
extension DossierStateMachine {
    /// The applicant acts online; the officer records what the applicant brings to the desk.
    static let applicantSide: Set<Role> = [.citizen, .oneStopOfficer]
    /// Whoever holds the current workflow step: a specialist, or a department head on review steps.
    static let handlers: Set<Role> = [.specialist, .departmentHead]
    /// Form 04 is the agency's apology, so its heads sign it.
    static let extenders: Set<Role> = [.departmentHead, .agencyLeader]
    /// States where the clock runs at the competent agency, so a delay can be announced (form 04).
    static let extensibleStates: [DossierState] = [.transferred, .inHandling, .awaitingConsultation, .awaitingApproval]
    /// States after reception and before the result where handling may be stopped (form 05).
    static let stoppableStates: [DossierState] = [
        .transferred, .inHandling, .awaitingConsultation, .supplementRequestedDuringHandling, .awaitingPayment, .awaitingApproval,
    ]

    /// Every allowed transition, grouped by state in `DossierState.allCases` order.
    public static let rules: [TransitionRule] = {
        let specific: [TransitionRule] = [
            // Reception (Art. 17).
            .init(.awaitingReception, .receive, by: [.oneStopOfficer], to: [.received]),
            .init(.awaitingReception, .requestSupplement, by: [.oneStopOfficer], to: [.supplementRequestedAtReception]),
            .init(.awaitingReception, .refuse, by: [.oneStopOfficer], to: [.refused]),
            .init(.supplementRequestedAtReception, .supplement, by: applicantSide, to: [.awaitingReception]),
            // Transfer (Art. 18).
            .init(.received, .transfer, by: [.oneStopOfficer, .system], to: [.transferred]),
            // Handling (Art. 19).
            .init(.transferred, .assign, by: [.departmentHead], to: [.inHandling]),
            .init(.inHandling, .assign, by: [.departmentHead], to: [.inHandling]),
            .init(.inHandling, .completeStep, by: handlers, to: [.inHandling, .awaitingApproval]),
            .init(.inHandling, .sendBack, by: handlers, to: [.inHandling, .transferred]),
            .init(.inHandling, .consult, by: handlers, to: [.awaitingConsultation]),
            .init(.inHandling, .requestSupplement, by: handlers, to: [.supplementRequestedDuringHandling]),
            .init(.inHandling, .requestPayment, by: handlers, to: [.awaitingPayment]),
            .init(.awaitingConsultation, .replyConsultation, by: [.specialist, .departmentHead, .system],
                  to: [.inHandling, .awaitingConsultation]),
            .init(.supplementRequestedDuringHandling, .supplement, by: applicantSide, to: [.inHandling]),
            .init(.awaitingPayment, .confirmPayment, by: [.oneStopOfficer, .system], to: [.inHandling]),
            .init(.awaitingApproval, .approve, by: [.agencyLeader], to: [.approved]),
            .init(.awaitingApproval, .sendBack, by: [.agencyLeader], to: [.inHandling]),
            // Result and return (Art. 20).
            .init(.approved, .issueResult, by: [.agencyLeader, .system], to: [.resultIssued]),
            .init(.resultIssued, .returnResult, by: [.oneStopOfficer, .system], to: [.returned]),
        ]
        let extensions = extensibleStates.map { TransitionRule($0, .extend, by: extenders, to: [$0]) }
        let stops = stoppableStates.map { TransitionRule($0, .stop, by: [.agencyLeader], to: [.stopped]) }
        let withdrawals = DossierState.allCases.filter { !$0.isFinal }
            .map { TransitionRule($0, .withdraw, by: applicantSide, to: [.withdrawn]) }
        return (specific + extensions + stops + withdrawals).sorted { ($0.state.order, $0.action.order) < ($1.state.order, $1.action.order) }
    }()

    // `uniqueKeysWithValues` traps on a duplicated (state, action) line, so any test catches one.
    private static let rulesByKey: [DossierState: [DossierAction.Kind: TransitionRule]] =
        Dictionary(grouping: rules, by: \.state).mapValues { Dictionary(uniqueKeysWithValues: $0.map { ($0.action, $0) }) }

    /// The rule for `action` in `state`; nil when the action is not allowed there.
    public static func rule(for action: DossierAction.Kind, in state: DossierState) -> TransitionRule? {
        rulesByKey[state]?[action]
    }

    /// The actions `role` may take in `state` (what a user interface offers).
    public static func actions(in state: DossierState, for role: Role) -> [DossierAction.Kind] {
        rules.filter { $0.state == state && $0.allows(role) }.map(\.action)
    }
}

extension CaseIterable where Self: Equatable, AllCases.Index == Int {
    /// The position in `allCases`, for ordering the table.
    fileprivate var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }
}
