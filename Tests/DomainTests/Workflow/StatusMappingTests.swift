import Domain
import Testing

@Suite struct StatusMappingTests {
    @Test func everyStateMapsToItsNationalStatus() {
        let expected: [DossierState: Int] = [
            .awaitingReception: 1, .received: 2, .refused: 3,
            .transferred: 4, .inHandling: 4, .awaitingConsultation: 4, .awaitingApproval: 4,
            .supplementRequestedAtReception: 5, .supplementRequestedDuringHandling: 5,
            .awaitingPayment: 6, .withdrawn: 7, .stopped: 8, .approved: 9, .resultIssued: 9, .returned: 10,
        ]
        #expect(Set(expected.keys) == Set(DossierState.allCases))
        for state in DossierState.allCases {
            #expect(state.nationalStatus.rawValue == expected[state], "\(state)")
        }
    }

    @Test func everyNationalStatusHasAState() {
        #expect(Set(DossierState.allCases.map(\.nationalStatus)) == Set(NationalStatus.allCases))
    }

    @Test func finalStatesAreThoseOfFinalStatuses() {
        #expect(DossierState.allCases.filter(\.isFinal) == [.refused, .stopped, .returned, .withdrawn])
    }

    /// Explores every legal path from an online submission, with the fixture data and both ends of
    /// the branching actions (last step or not, first step or not, one reply of two).
    @Test func everyStateAndStatusIsReachableFromSubmission() {
        let start = DossierWorkflow.open(channel: .online).workflow
        #expect(start.state == .awaitingReception)
        var seen: Set<DossierWorkflow> = [start]
        var queue = [start]
        while let workflow = queue.popLast() {
            for action in candidateActions(for: workflow) {
                for role in Role.allCases {
                    guard case .success(let transition) = DossierStateMachine.apply(action, by: role, to: workflow),
                          seen.insert(transition.workflow).inserted else { continue }
                    queue.append(transition.workflow)
                }
            }
        }
        #expect(Set(seen.map(\.state)) == Set(DossierState.allCases))
        #expect(Set(seen.map(\.nationalStatus)) == Set(NationalStatus.allCases))
    }

    private func candidateActions(for workflow: DossierWorkflow) -> [DossierAction] {
        DossierAction.Kind.allCases.map { WorkflowFixtures.action($0, for: workflow) } + [
            .completeStep(stepCount: 1),
            .consult(agencies: [WorkflowFixtures.agencyB, WorkflowFixtures.agencyC]),
        ]
    }
}
