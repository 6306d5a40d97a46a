import Contracts
import Domain
import Foundation

/// A procedure version's workflow read as the phases a dossier goes through: reception at the
/// one-stop desk, the handling steps (specialists and department heads, in order), approval by
/// the agency leader. Each phase has a share of the time budget, which gives its step deadline on
/// the control slip (form 06).
struct StepPlan: Sendable {
    let reception: WorkflowStepDefinition?
    /// The steps `complete-step` walks through; never empty (a procedure without any gets one).
    let handling: [WorkflowStepDefinition]
    let approval: WorkflowStepDefinition?

    static let handlingRoles: Set<Role> = [.specialist, .departmentHead]

    init(_ procedure: ProcedureDefinition) {
        reception = procedure.workflow.first { $0.role == .oneStopOfficer }
        let steps = procedure.workflow.filter { Self.handlingRoles.contains($0.role) }
        let fallbackUnit = procedure.workflow.first?.orgUnit ?? ""
        handling = steps.isEmpty ? [WorkflowStepDefinition(role: .specialist, orgUnit: fallbackUnit, sharePercent: 100, name: "Xử lý hồ sơ")] : steps
        approval = procedure.workflow.first { $0.role == .agencyLeader }
    }

    var stepCount: Int { handling.count }

    /// The phase a dossier in `workflow` is in: its name, role, unit and budget share; nil when the
    /// state has no step deadline (before reception, suspended, finished).
    func phase(of workflow: DossierWorkflow) -> WorkflowStepDefinition? {
        switch workflow.state {
        case .received:
            return reception.map { named($0, "Tiếp nhận hồ sơ") }
        case .transferred:
            return named(handling[0], "Phân công xử lý")
        case .inHandling, .awaitingConsultation:
            return handling[min(workflow.currentStep, handling.count - 1)]
        case .awaitingApproval:
            return approval.map { named($0, "Phê duyệt kết quả") }
        default:
            return nil
        }
    }

    /// The current handling step as callers see it.
    func stepView(of workflow: DossierWorkflow) -> StepView? {
        guard [.inHandling, .awaitingConsultation, .supplementRequestedDuringHandling, .awaitingPayment].contains(workflow.state) else { return nil }
        let index = min(workflow.currentStep, handling.count - 1)
        let step = handling[index]
        return StepView(number: index + 1, of: handling.count, name: step.name, role: step.role.rawValue, orgUnit: step.orgUnit)
    }

    /// The deadline of a phase started at `start`: its share of the office time between the
    /// reception and the first due moment, never later than the dossier's due moment.
    func stepDue(_ phase: WorkflowStepDefinition, startingAt start: Moment, clock: DeadlineClock?, calendar: WorkingCalendar) -> Moment? {
        guard let clock, let due = clock.currentDue, case .received(let receivedAt, let firstDue)? = clock.history.first else { return nil }
        let total = calendar.officeSeconds(from: receivedAt, to: firstDue)
        let share = total * Int64(max(0, min(100, phase.sharePercent))) / 100
        return min(due, calendar.addingOfficeSeconds(share, to: start))
    }

    private func named(_ step: WorkflowStepDefinition, _ fallback: String) -> WorkflowStepDefinition {
        var step = step
        if step.name == nil { step.name = fallback }
        return step
    }
}
