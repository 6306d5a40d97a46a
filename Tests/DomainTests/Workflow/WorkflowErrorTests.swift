import Domain
import Testing

@Suite struct WorkflowErrorTests {
    func error(_ action: DossierAction, by role: Role, in state: DossierState) -> WorkflowError? {
        guard case .failure(let error) = DossierStateMachine.apply(action, by: role, to: WorkflowFixtures.workflow(in: state)) else {
            return nil
        }
        return error
    }

    @Test func wrongStateNamesTheStateTheActionAndWhereItIsAllowed() throws {
        let refused = try #require(error(.approve, by: .agencyLeader, in: .inHandling))
        #expect(refused.httpStatus == 409)
        #expect(refused.description
            == "Cannot approve a dossier in state in-handling (status 4, Đang xử lý): approve is allowed only in awaiting-approval.")
    }

    @Test func finalStateSaysTheDossierIsFinished() throws {
        let refused = try #require(error(.withdraw(reason: "x"), by: .citizen, in: .returned))
        #expect(refused.description
            == "Cannot withdraw a dossier in state returned (status 10, Đã trả kết quả): the dossier is finished and accepts no further action.")
    }

    @Test func wrongRoleNamesTheAllowedRoles() throws {
        let refused = try #require(error(.approve, by: .departmentHead, in: .awaitingApproval))
        #expect(refused.httpStatus == 403)
        #expect(refused.description
            == "The role department-head may not approve a dossier in state awaiting-approval (status 4, Đang xử lý); allowed: agency-leader.")
    }

    @Test func invalidDataListsEveryField() throws {
        let refused = try #require(error(.requestSupplement(missingItems: [""]), by: .oneStopOfficer, in: .awaitingReception))
        #expect(refused.httpStatus == 400)
        #expect(refused.description == "Invalid data for request-supplement: missingItems[0] must not be blank.")
    }
}
