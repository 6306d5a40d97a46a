import Domain
import Testing

@Suite struct HappyPathTests {
    typealias Fixtures = WorkflowFixtures

    /// Online submission through to the returned result, along a three-step workflow.
    @Test func onlineSubmissionToReturnedResult() throws {
        var run = WorkflowRun(opening: .online)
        #expect(run.transitions[0].fromStatus == nil)
        #expect(run.transitions[0].events == [.submitted, .statusChanged])
        #expect(run.transitions[0].clock == nil)

        let received = try run.apply(.receive, by: .oneStopOfficer)
        #expect(received.clock == .start)
        #expect(received.events == [.received, .statusChanged])
        try run.apply(.transfer, by: .system)
        let assigned = try run.apply(.assign(assignee: "cv.an"), by: .departmentHead)
        #expect(assigned.events == [.assigned])
        #expect(run.workflow.assignee == "cv.an")
        try run.apply(.completeStep(stepCount: 3), by: .specialist)
        try run.apply(.completeStep(stepCount: 3), by: .departmentHead)
        #expect(run.workflow.currentStep == 2)
        let lastStep = try run.apply(.completeStep(stepCount: 3), by: .specialist)
        #expect(lastStep.to == .awaitingApproval)
        let approved = try run.apply(.approve, by: .agencyLeader)
        #expect(approved.clock == .stop)
        let issued = try run.apply(.issueResult(resultDocuments: ["doc-99"]), by: .system)
        #expect(issued.events == [.resultIssued])
        let returned = try run.apply(.returnResult(channel: .online), by: .oneStopOfficer)
        #expect(returned.events == [.resultReturned, .statusChanged])

        #expect(run.statuses == [1, 2, 4, 4, 4, 4, 4, 9, 9, 10])
        #expect(run.transitions.map(\.to) == [.awaitingReception, .received, .transferred, .inHandling, .inHandling,
                                               .inHandling, .awaitingApproval, .approved, .resultIssued, .returned])
        #expect(run.forms == [nil, .receipt, nil, nil, nil, nil, nil, nil, nil, nil])
    }

    @Test func counterSubmissionIsReceivedAtOnce() {
        let opening = DossierWorkflow.open(channel: .direct)
        #expect(opening.from == nil)
        #expect(opening.toStatus == .received)
        #expect(opening.form == .receipt)
        #expect(opening.clock == .start)
        #expect(opening.events == [.submitted, .received, .statusChanged])
    }

    @Test func postalSubmissionWaitsForTheCheck() {
        #expect(DossierWorkflow.open(channel: .postal).toStatus == .submitted)
    }

    @Test func supplementAtReceptionReturnsToTheCheck() throws {
        var run = WorkflowRun(opening: .online)
        let request = try run.apply(.requestSupplement(missingItems: ["Ảnh 4x6"]), by: .oneStopOfficer)
        #expect(request.clock == nil)
        #expect(request.events == [.supplementRequested, .statusChanged])
        try run.apply(.supplement(supplied: ["doc-18"]), by: .citizen)
        try run.apply(.receive, by: .oneStopOfficer)
        #expect(run.statuses == [1, 5, 1, 2])
        #expect(run.forms == [nil, .supplementRequest, nil, .receipt])
    }

    @Test func supplementDuringHandlingSuspendsAndResumesTheClock() throws {
        var run = try Self.inHandling(atStep: 1)
        let request = try run.apply(.requestSupplement(missingItems: ["Bản đồ địa chính"]), by: .specialist)
        #expect(request.toStatus == .supplementRequested)
        #expect(request.to == .supplementRequestedDuringHandling)
        #expect(request.form == .supplementRequest)
        #expect(request.clock == .suspend(.supplement))
        #expect(run.refusal(.extend(reason: "Chậm"), by: .agencyLeader)?.kind == .notAllowedInState)
        let supplemented = try run.apply(.supplement(supplied: ["doc-20"]), by: .oneStopOfficer)
        #expect(supplemented.to == .inHandling)
        #expect(supplemented.clock == .resume(.supplement))
        #expect(run.workflow.currentStep == 1)
    }

    @Test func consultationWaitsForEveryAgency() throws {
        var run = try Self.inHandling(atStep: 0)
        let asked = try run.apply(.consult(agencies: [Fixtures.agencyB, Fixtures.agencyC]), by: .specialist)
        #expect(asked.to == .awaitingConsultation)
        #expect(asked.events == [.consultationRequested])
        #expect(asked.clock == nil)
        let first = try run.apply(.replyConsultation(agency: Fixtures.agencyB), by: .system)
        #expect(first.to == .awaitingConsultation)
        #expect(run.workflow.pendingConsultations == [Fixtures.agencyC])
        #expect(run.refusal(.replyConsultation(agency: Fixtures.agencyB), by: .system)?.kind == .invalidData)
        let last = try run.apply(.replyConsultation(agency: Fixtures.agencyC), by: .departmentHead)
        #expect(last.to == .inHandling)
        #expect(last.events == [.consultationReplied])
    }

    @Test func paymentSuspendsTheClockUntilConfirmed() throws {
        var run = try Self.inHandling(atStep: 0)
        let requested = try run.apply(.requestPayment(amount: 1_200_000), by: .specialist)
        #expect(requested.toStatus == .financialObligation)
        #expect(requested.clock == .suspend(.payment))
        #expect(run.refusal(.confirmPayment(reference: "PAY-1"), by: .citizen)?.kind == .roleNotAllowed)
        let confirmed = try run.apply(.confirmPayment(reference: "PAY-1"), by: .system)
        #expect(confirmed.toStatus == .inProgress)
        #expect(confirmed.clock == .resume(.payment))
        #expect(confirmed.events == [.paymentConfirmed, .statusChanged])
    }

    @Test func extensionIsGrantedOnceThenRefused() throws {
        var run = try Self.inHandling(atStep: 0)
        let extended = try run.apply(.extend(reason: "Chờ kết quả xác minh"), by: .departmentHead)
        #expect(extended.form == .extensionNotice)
        #expect(extended.to == .inHandling)
        #expect(extended.events == [.extended])
        #expect(extended.clock == nil)
        #expect(run.workflow.extensionUsed)
        try run.apply(.completeStep(stepCount: 1), by: .specialist)
        let again = try #require(run.refusal(.extend(reason: "Lần nữa"), by: .agencyLeader))
        #expect(again.kind == .notAllowedInState)
        #expect(again.httpStatus == 409)
        #expect(again.description.contains("once per dossier"))
    }

    @Test func stopIssuesFormFiveAndEndsTheDossier() throws {
        var run = try Self.inHandling(atStep: 0)
        try run.apply(.requestPayment(amount: 100_000), by: .specialist)
        let stopped = try run.apply(.stop(reason: "Không thực hiện nghĩa vụ tài chính"), by: .agencyLeader)
        #expect(stopped.toStatus == .stopped)
        #expect(stopped.form == .stopNotice)
        #expect(stopped.clock == .stop)
        #expect(run.refusal(.withdraw(reason: "x"), by: .citizen)?.kind == .notAllowedInState)
    }

    @Test func refusalAtReceptionIssuesFormThree() throws {
        var run = WorkflowRun(opening: .online)
        let refused = try run.apply(.refuse(reason: "Không thuộc thẩm quyền"), by: .oneStopOfficer)
        #expect(refused.toStatus == .refused)
        #expect(refused.form == .refusal)
        #expect(refused.clock == nil)
    }

    @Test func withdrawalStopsARunningOrSuspendedClockOnly() throws {
        var beforeReception = WorkflowRun(opening: .online)
        #expect(try beforeReception.apply(.withdraw(reason: "Nộp nhầm"), by: .citizen).clock == nil)

        var suspended = try Self.inHandling(atStep: 0)
        try suspended.apply(.requestSupplement(missingItems: ["Ảnh"]), by: .specialist)
        let withdrawn = try suspended.apply(.withdraw(reason: "Không bổ sung được"), by: .oneStopOfficer)
        #expect(withdrawn.toStatus == .withdrawn)
        #expect(withdrawn.clock == .stop)
        #expect(withdrawn.events == [.withdrawn, .statusChanged])

        let ready = DossierWorkflow(state: .resultIssued)
        let late = try DossierStateMachine.apply(.withdraw(reason: "Không nhận"), by: .citizen, to: ready).get()
        #expect(late.toStatus == .withdrawn)
        #expect(late.clock == nil)
    }

    @Test func sendBackReturnsToThePreviousHolder() throws {
        var run = try Self.inHandling(atStep: 0)
        try run.apply(.completeStep(stepCount: 2), by: .specialist)
        try run.apply(.completeStep(stepCount: 2), by: .departmentHead)
        let fromApproval = try run.apply(.sendBack(reason: "Sửa dự thảo"), by: .agencyLeader)
        #expect(fromApproval.to == .inHandling)
        #expect(run.workflow.currentStep == 1)
        try run.apply(.sendBack(reason: "Thẩm định lại"), by: .departmentHead)
        #expect(run.workflow.currentStep == 0)
        let toHead = try run.apply(.sendBack(reason: "Không thuộc lĩnh vực"), by: .specialist)
        #expect(toHead.to == .transferred)
        #expect(toHead.events == [.sentBack])
        #expect(run.workflow.assignee == nil)
    }

    @Test func reassignmentKeepsTheStep() throws {
        var run = try Self.inHandling(atStep: 1)
        try run.apply(.assign(assignee: " cv.binh "), by: .departmentHead)
        #expect(run.workflow.currentStep == 1)
        #expect(run.workflow.assignee == "cv.binh")
    }

    /// An online dossier received, transferred, assigned and moved to `step` of a three-step workflow.
    static func inHandling(atStep step: Int) throws -> WorkflowRun {
        var run = WorkflowRun(opening: .online)
        try run.apply(.receive, by: .oneStopOfficer)
        try run.apply(.transfer, by: .oneStopOfficer)
        try run.apply(.assign(assignee: "cv.an"), by: .departmentHead)
        for _ in 0..<step { try run.apply(.completeStep(stepCount: 3), by: .specialist) }
        return run
    }
}
