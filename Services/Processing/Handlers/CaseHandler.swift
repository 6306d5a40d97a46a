import Contracts
import Domain
import Foundation
import PostgresNIO
import ServiceKit

/// `processing.case`: the whole dossier for its applicant and its officers, with what the
/// caller may do next.
struct CaseHandler: Sendable {
    let runtime: ServiceRuntime
    let access: CaseAccess
    let history: HistoryStore
    let forms: FormStore
    let staff: StaffCopies
    let procedures: ProcedureCopies

    func handle(_ reference: CaseReference, context: RPCContext) async throws -> CaseDetail {
        let logger = context.logger
        return try await runtime.database.withConnection { connection in
            let (record, entitlements) = try await access.load(reference.code, for: context.caller, on: connection, logger: logger)
            let rows = try await history.rows(code: record.code, on: connection, logger: logger)
            let issued = try await forms.issued(code: record.code, on: connection, logger: logger)
            var plan: StepPlan?
            if let version = record.procedureVersion,
               let definition = try await procedures.version(code: record.procedureCode, version: version, on: connection, logger: logger) {
                plan = StepPlan(definition)
            }
            var assignee: ActorRef?
            if let id = record.workflow.assignee {
                let member = try await staff.find(id, on: connection, logger: logger)
                assignee = ActorRef(id: id, name: member?.displayName ?? id, role: Role.specialist.rawValue, unit: record.holderUnit)
            }
            let allowed = DossierAction.Kind.allCases.filter { kind in
                entitlements.roles.keys.contains { DossierStateMachine.refusal(of: kind, by: $0, in: record.workflow) == nil }
            }
            return CaseDetail(
                code: record.code, procedureCode: record.procedureCode, procedureVersion: record.procedureVersion,
                procedureName: record.procedureName, agencyCode: record.agencyCode, channel: record.channel,
                applicant: record.applicant, submittedAt: record.submittedAt, receivedAt: record.receivedAt,
                status: StatusView(record.status), state: record.state.rawValue, currentStep: plan?.stepView(of: record.workflow),
                assignee: assignee, dueAt: record.dueAt, overdue: record.overdue, suspended: record.clock?.isSuspended ?? false,
                extended: record.workflow.extensionUsed, pendingConsultations: record.workflow.pendingConsultations.map(\.rawValue),
                resultCodes: record.resultCodes,
                deadline: record.clock?.history.map(DeadlineEntry.init) ?? [], forms: issued, allowedActions: allowed.map(\.rawValue),
                history: rows.map(StatusHandler.entry))
        }
    }
}
