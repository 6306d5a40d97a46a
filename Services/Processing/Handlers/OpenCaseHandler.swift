import Contracts
import Forms
import Domain
import Foundation
import Logging
import Messaging
import PostgresNIO
import ServiceKit

/// Consumes `intake.handover.submitted` (the submission in full): opens the case under the procedure version it was
/// submitted with. Online and postal submissions wait for reception (status 1); a counter
/// submission was checked by the officer who entered it, so it is received at once (status 2,
/// form 01, the clock starts).
struct OpenCaseHandler: Sendable {
    let runtime: ServiceRuntime
    let store: CaseStore
    let recorder: TransitionRecorder
    let calendars: CalendarCopies
    let procedures: ProcedureCopies
    let formData: FormDataBuilder
    let staff: StaffCopies

    /// Raised while processing lacks the procedure version: the delivery is retried.
    struct ProcedureNotCopiedYet: Error, CustomStringConvertible {
        let code: String
        var description: String { "procedure \(code) is not copied yet" }
    }

    var subscription: EventSubscription {
        EventSubscription(queue: "processing.intake-events", routingKeys: [EventName.dossierHandedOver.routingKey]) {
            delivery, connection, logger in
            // Queues declared before the hand-over event existed are still bound to the public one.
            guard delivery.routingKey == EventName.dossierHandedOver.routingKey else { return }
            try await handle(delivery, connection: connection, logger: logger)
        }
    }

    func handle(_ delivery: Delivery, connection: PostgresConnection, logger: Logger) async throws {
        let submitted = try EventSubscription.decode(DossierSubmitted.self, from: delivery).data
        let procedure = try await definition(of: submitted, on: connection, logger: logger)
        let plan = StepPlan(procedure)
        let opening = DossierWorkflow.open(channel: submitted.channel)
        let at = Moment(submitted.submittedAt)
        let calendar = try await calendars.calendar(at: at, on: connection, logger: logger)
        var record = CaseRecord(
            code: submitted.code, agencyCode: submitted.agencyCode, procedureCode: submitted.procedureCode,
            procedureVersion: submitted.procedureVersion, procedureName: procedure.name, channel: submitted.channel,
            lookupTokenHash: submitted.lookupTokenHash, applicant: submitted.applicant, ownerId: submitted.ownerId,
            attachments: submitted.attachments ?? [], workflow: opening.workflow, clock: nil, submittedAt: submitted.submittedAt,
            receivedAt: nil, finishedAt: nil, returnedAt: nil, holderUnit: plan.reception?.orgUnit, overdue: false, resultCodes: [], eventSequence: 1)
        if opening.clock == .start {
            record.clock = DeadlineClock.start(budget: procedure.processingTime, receivedAt: at, calendar: calendar)
            record.receivedAt = submitted.submittedAt
        }
        guard try await store.open(record, on: connection, logger: logger) else {
            logger.debug("case already open", metadata: ["code": "\(submitted.code)"])
            return
        }
        var officer = submitted.enteredBy
        if let entered = officer, let member = try await staff.find(entered.id, on: connection, logger: logger) {
            officer?.name = member.displayName
        }
        let actor = officer ?? ActorRef(id: submitted.ownerId ?? "applicant", name: submitted.applicant?.name ?? "Người nộp hồ sơ",
                                                    role: Role.citizen.rawValue, unit: nil)
        var form: FormData?
        if let issued = opening.form {
            form = try await formData.issued(issued, for: record, procedure: procedure, actor: actor, at: submitted.submittedAt,
                                             reasons: [], missingItems: [], previousDue: nil, on: connection, logger: logger)
        }
        // Intake's own event took sequence 1; processing continues from there.
        try await recorder.record(.init(action: "submit", from: nil, transition: opening, actor: actor, at: submitted.submittedAt,
                                        reason: nil, note: nil, data: .object(["channel": .string(submitted.channel.rawValue)]),
                                        form: form, holder: nil),
                                  case: &record, plan: plan, calendar: calendar, correlationID: delivery.correlationID,
                                  on: connection, logger: logger)
        logger.info("case opened", metadata: ["code": "\(submitted.code)", "state": "\(record.state.rawValue)"])
    }

    private func definition(of submitted: DossierSubmitted, on connection: PostgresConnection, logger: Logger) async throws -> ProcedureDefinition {
        if let version = submitted.procedureVersion,
           let definition = try await procedures.version(code: submitted.procedureCode, version: version, on: connection, logger: logger) {
            return definition
        }
        if submitted.procedureVersion == nil,
           let current = try await procedures.current(code: submitted.procedureCode, on: connection, logger: logger) {
            return current.definition
        }
        throw ProcedureNotCopiedYet(code: submitted.procedureCode)
    }
}
