import Domain
import Testing

@Suite struct TransitionTableTests {
    @Test(arguments: DossierState.allCases)
    func everyActionAndRoleFollowsTheTable(_ state: DossierState) {
        let workflow = WorkflowFixtures.workflow(in: state)
        for kind in DossierAction.Kind.allCases {
            let action = WorkflowFixtures.action(kind, for: workflow)
            let rule = DossierStateMachine.rule(for: kind, in: state)
            for role in Role.allCases {
                let result = DossierStateMachine.apply(action, by: role, to: workflow)
                switch (rule, result) {
                case (nil, .failure(let error)):
                    #expect(error.kind == .notAllowedInState, "\(state) \(kind) \(role)")
                case (let rule?, .failure(let error)) where !rule.allows(role):
                    #expect(error.kind == .roleNotAllowed, "\(state) \(kind) \(role)")
                case (let rule?, .success(let transition)) where rule.allows(role):
                    #expect(transition.from == state)
                    #expect(transition.to == rule.targets.first, "\(state) \(kind) \(role)")
                    #expect(transition.form == kind.issuedForm)
                    #expect(transition.events.first == kind.event)
                    #expect(transition.events.contains(.statusChanged) == (state.nationalStatus != transition.toStatus))
                default:
                    Issue.record("\(state) \(kind) \(role): unexpected \(result)")
                }
            }
        }
    }

    @Test func theTableReadsAsDocumented() {
        #expect(DossierStateMachine.rules.map(\.description) == [
            "awaiting-reception --receive [one-stop-officer]--> received",
            "awaiting-reception --request-supplement [one-stop-officer]--> supplement-requested-at-reception",
            "awaiting-reception --refuse [one-stop-officer]--> refused",
            "awaiting-reception --withdraw [one-stop-officer, citizen]--> withdrawn",
            "supplement-requested-at-reception --supplement [one-stop-officer, citizen]--> awaiting-reception",
            "supplement-requested-at-reception --withdraw [one-stop-officer, citizen]--> withdrawn",
            "received --transfer [one-stop-officer, system]--> transferred",
            "received --withdraw [one-stop-officer, citizen]--> withdrawn",
            "transferred --assign [department-head]--> in-handling",
            "transferred --extend [department-head, agency-leader]--> transferred",
            "transferred --stop [agency-leader]--> stopped",
            "transferred --withdraw [one-stop-officer, citizen]--> withdrawn",
            "in-handling --request-supplement [specialist, department-head]--> supplement-requested-during-handling",
            "in-handling --assign [department-head]--> in-handling",
            "in-handling --complete-step [specialist, department-head]--> in-handling | awaiting-approval",
            "in-handling --send-back [specialist, department-head]--> in-handling | transferred",
            "in-handling --consult [specialist, department-head]--> awaiting-consultation",
            "in-handling --request-payment [specialist, department-head]--> awaiting-payment",
            "in-handling --extend [department-head, agency-leader]--> in-handling",
            "in-handling --stop [agency-leader]--> stopped",
            "in-handling --withdraw [one-stop-officer, citizen]--> withdrawn",
            "awaiting-consultation --reply-consultation [specialist, department-head, system]--> in-handling | awaiting-consultation",
            "awaiting-consultation --extend [department-head, agency-leader]--> awaiting-consultation",
            "awaiting-consultation --stop [agency-leader]--> stopped",
            "awaiting-consultation --withdraw [one-stop-officer, citizen]--> withdrawn",
            "supplement-requested-during-handling --supplement [one-stop-officer, citizen]--> in-handling",
            "supplement-requested-during-handling --stop [agency-leader]--> stopped",
            "supplement-requested-during-handling --withdraw [one-stop-officer, citizen]--> withdrawn",
            "awaiting-payment --confirm-payment [one-stop-officer, system]--> in-handling",
            "awaiting-payment --stop [agency-leader]--> stopped",
            "awaiting-payment --withdraw [one-stop-officer, citizen]--> withdrawn",
            "awaiting-approval --send-back [agency-leader]--> in-handling",
            "awaiting-approval --extend [department-head, agency-leader]--> awaiting-approval",
            "awaiting-approval --stop [agency-leader]--> stopped",
            "awaiting-approval --approve [agency-leader]--> approved",
            "awaiting-approval --withdraw [one-stop-officer, citizen]--> withdrawn",
            "approved --issue-result [agency-leader, system]--> result-issued",
            "approved --withdraw [one-stop-officer, citizen]--> withdrawn",
            "result-issued --return-result [one-stop-officer, system]--> returned",
            "result-issued --withdraw [one-stop-officer, citizen]--> withdrawn",
        ])
    }

    @Test func everyActionAppearsAndOnlyStaffAndApplicantsAct() {
        #expect(Set(DossierStateMachine.rules.map(\.action)) == Set(DossierAction.Kind.allCases))
        let acting = Set(DossierStateMachine.rules.flatMap(\.roles))
        #expect(acting == [.oneStopOfficer, .specialist, .departmentHead, .agencyLeader, .citizen, .system])
    }

    @Test(arguments: DossierState.allCases.filter(\.isFinal))
    func finalStatesAcceptNothing(_ state: DossierState) {
        let workflow = WorkflowFixtures.workflow(in: state)
        #expect(DossierStateMachine.rules.allSatisfy { $0.state != state })
        for kind in DossierAction.Kind.allCases {
            for role in Role.allCases {
                let result = DossierStateMachine.apply(WorkflowFixtures.action(kind, for: workflow), by: role, to: workflow)
                guard case .failure(let error) = result else {
                    Issue.record("\(state) accepted \(kind) by \(role)")
                    continue
                }
                #expect(error.kind == .notAllowedInState)
                #expect(error.description.contains("finished"))
            }
        }
    }

    @Test func withdrawalIsOpenInEveryUnfinishedState() {
        for state in DossierState.allCases {
            #expect((DossierStateMachine.rule(for: .withdraw, in: state) != nil) == !state.isFinal, "\(state)")
        }
    }

    @Test func actionsOfferedToARole() {
        #expect(DossierStateMachine.actions(in: .awaitingReception, for: .oneStopOfficer) == [.receive, .requestSupplement, .refuse, .withdraw])
        #expect(DossierStateMachine.actions(in: .inHandling, for: .citizen) == [.withdraw])
        #expect(DossierStateMachine.actions(in: .awaitingApproval, for: .agencyLeader) == [.sendBack, .extend, .stop, .approve])
        #expect(DossierStateMachine.actions(in: .returned, for: .oneStopOfficer).isEmpty)
    }
}
