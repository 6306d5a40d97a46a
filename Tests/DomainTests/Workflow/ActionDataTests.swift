import Domain
import Testing

@Suite struct ActionDataTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let action: DossierAction
        let state: DossierState
        let role: Role
        let fields: [String]
        var testDescription: String { "\(action.kind.rawValue) in \(state.rawValue)" }
    }

    static let longText = String(repeating: "a", count: DossierAction.maximumTextLength + 1)

    static let cases: [Case] = [
        Case(action: .requestSupplement(missingItems: []), state: .awaitingReception, role: .oneStopOfficer, fields: ["missingItems"]),
        Case(action: .requestSupplement(missingItems: ["Ảnh", "  ", " Ảnh "]), state: .inHandling, role: .specialist,
             fields: ["missingItems[1]", "missingItems[2]"]),
        Case(action: .refuse(reason: " \n"), state: .awaitingReception, role: .oneStopOfficer, fields: ["reason"]),
        Case(action: .stop(reason: longText), state: .inHandling, role: .agencyLeader, fields: ["reason"]),
        Case(action: .sendBack(reason: ""), state: .awaitingApproval, role: .agencyLeader, fields: ["reason"]),
        Case(action: .withdraw(reason: ""), state: .received, role: .citizen, fields: ["reason"]),
        Case(action: .extend(reason: ""), state: .inHandling, role: .departmentHead, fields: ["reason"]),
        Case(action: .supplement(supplied: []), state: .supplementRequestedAtReception, role: .citizen, fields: ["supplied"]),
        Case(action: .assign(assignee: " "), state: .transferred, role: .departmentHead, fields: ["assignee"]),
        Case(action: .completeStep(stepCount: 0), state: .inHandling, role: .specialist, fields: ["stepCount"]),
        Case(action: .completeStep(stepCount: 1), state: .inHandling, role: .specialist, fields: ["stepCount"]),
        Case(action: .consult(agencies: []), state: .inHandling, role: .specialist, fields: ["agencies"]),
        Case(action: .consult(agencies: [WorkflowFixtures.agencyB, WorkflowFixtures.agencyB]), state: .inHandling,
             role: .specialist, fields: ["agencies[1]"]),
        Case(action: .replyConsultation(agency: WorkflowFixtures.agencyC), state: .awaitingConsultation, role: .system, fields: ["agency"]),
        Case(action: .requestPayment(amount: 0), state: .inHandling, role: .specialist, fields: ["amount"]),
        Case(action: .confirmPayment(reference: ""), state: .awaitingPayment, role: .system, fields: ["reference"]),
        Case(action: .issueResult(resultDocuments: []), state: .approved, role: .agencyLeader, fields: ["resultDocuments"]),
    ]

    @Test(arguments: cases)
    func invalidDataIsRefusedNamingEveryField(_ testCase: Case) throws {
        let workflow = WorkflowFixtures.workflow(in: testCase.state)
        let result = DossierStateMachine.apply(testCase.action, by: testCase.role, to: workflow)
        guard case .failure(.invalidData(let kind, let errors)) = result else {
            Issue.record("expected invalid data, got \(result)")
            return
        }
        #expect(kind == testCase.action.kind)
        #expect(errors.map(\.field) == testCase.fields)
    }

    @Test func theRoleIsCheckedBeforeTheData() {
        let workflow = WorkflowFixtures.workflow(in: .awaitingReception)
        let result = DossierStateMachine.apply(.refuse(reason: ""), by: .citizen, to: workflow)
        guard case .failure(let error) = result else { Issue.record("accepted"); return }
        #expect(error.kind == .roleNotAllowed)
    }
}
