import Contracts
import Domain
import Forms
import Foundation
import Logging
import PostgresNIO
import ServiceKit
import Storage

/// What one accepted transition leaves behind, written in the action's transaction: the case
/// row, the audited history line (with the started step's deadline), the form issued, the
/// timers, and the events through the outbox with the dossier's next sequence numbers.
struct TransitionRecorder: Sendable {
    let runtime: ServiceRuntime
    let store: CaseStore
    let history: HistoryStore
    let forms: FormStore
    let timers: TimerScheduler

    /// One transition with everything to record about it.
    struct Entry: Sendable {
        var action: String
        var from: DossierState?
        var transition: Transition
        var actor: ActorRef
        var at: Date
        var reason: String?
        var note: String?
        var data: JSONValue
        var form: FormData?
        var holder: String?
    }

    /// Records `entry` for `record` (already changed by the caller) and saves the case.
    func record(_ entry: Entry, case record: inout CaseRecord, plan: StepPlan, calendar: WorkingCalendar,
                correlationID: String?, on connection: PostgresConnection, logger: Logger) async throws {
        let at = Moment(entry.at)
        let phase = plan.phase(of: record.workflow)
        let stepDue = phase.flatMap { plan.stepDue($0, startingAt: at, clock: record.clock, calendar: calendar) }
        record.holderUnit = phase?.orgUnit ?? record.holderUnit
        try await history.append(HistoryRow(
            action: entry.action, fromState: entry.from, fromStatus: entry.from?.nationalStatus, toState: record.state, at: entry.at,
            actor: entry.actor, reason: entry.reason, note: entry.note, data: entry.data, stepName: phase?.name,
            stepDueAt: stepDue?.date, holder: entry.holder ?? phase?.orgUnit), code: record.code, on: connection, logger: logger)
        if let form = entry.form {
            try await forms.issue(form, code: record.code, on: connection, logger: logger)
        }
        try await timers.reschedule(record, calendar: calendar, on: connection, logger: logger)
        var messages: [OutboxMessage] = []
        let fromSide = entry.from.map { DossierStatusChanged.Side(status: $0.nationalStatus, state: $0.rawValue) }
        for event in entry.transition.events where event != .submitted {
            let sequence = record.nextSequence()
            if event == .statusChanged {
                let change = DossierStatusChanged(
                    code: record.code, from: fromSide, to: record.side, at: entry.at, actor: entry.actor.name, reason: entry.reason,
                    dueAt: record.dueAt, agencyCode: record.agencyCode, procedureCode: record.procedureCode, channel: record.channel,
                    actorDetail: entry.actor, action: entry.action)
                messages.append(try OutboxMessage.event(.dossierStatusChanged, source: .processing, subject: record.code,
                                                        sequence: sequence, payload: change, correlationID: correlationID, at: entry.at))
            } else {
                let step = StepEvent(record: record, entry: entry, fromSide: fromSide ?? record.side, plan: plan)
                messages.append(try OutboxMessage.event(.processing(event), source: .processing, subject: record.code,
                                                        sequence: sequence, payload: step.payload, correlationID: correlationID,
                                                        at: entry.at))
            }
        }
        try await runtime.outbox.enqueue(messages, on: connection, logger: logger)
        try await store.save(record, lastAction: entry.action, on: connection, logger: logger)
    }
}

/// The finer event of an action (`processing.dossier.<event>`).
private struct StepEvent {
    let payload: DossierStepEvent

    init(record: CaseRecord, entry: TransitionRecorder.Entry, fromSide: DossierStatusChanged.Side, plan: StepPlan) {
        let step = plan.stepView(of: record.workflow)?.number
        let issued = entry.action == DossierAction.Kind.issueResult.rawValue
        payload = DossierStepEvent(
            code: record.code, action: entry.action, actor: entry.actor, at: entry.at, from: fromSide, to: record.side, step: step,
            dueAt: record.dueAt, agencyCode: record.agencyCode, procedureCode: record.procedureCode, channel: record.channel,
            data: entry.data, resultCodes: issued ? record.resultCodes : nil, form: entry.form?.formNumber,
            ownerId: issued ? record.ownerId : nil)
    }
}
