import Contracts
import Domain
import Forms
import Foundation
import Logging
import PostgresNIO
import ServiceKit

/// `processing.act`: one step of the process on one dossier, in one transaction with the case
/// row locked. Checks, in order: the caller may see the dossier (404), the action is allowed in
/// its state (409), the caller holds a role that may take it here — and, during handling, holds
/// the current step (403), the action's data (400); then moves the workflow and the clock and
/// records the history, the form, the timers and the events.
struct ActHandler: Sendable {
    let runtime: ServiceRuntime
    let store: CaseStore
    let recorder: TransitionRecorder
    let resolver: EntitlementResolver
    let staff: StaffCopies
    let calendars: CalendarCopies
    let procedures: ProcedureCopies
    let formData: FormDataBuilder
    let requests: ActionRequestStore

    /// Actions that belong to whoever holds the current handling step.
    static let stepHolderActions: Set<DossierAction.Kind> = [.completeStep, .sendBack, .consult, .requestSupplement,
                                                             .requestPayment, .replyConsultation]

    /// What an anonymous applicant may do with the lookup token (the web status page).
    static let lookupTokenActions: Set<DossierAction.Kind> = [.withdraw, .supplement]

    func handle(_ command: DossierActionCommand, context: RPCContext) async throws -> ActionOutcome {
        let caller = context.caller
        // Signed in, the caller's roles decide; anonymous, only the lookup token's holder, as the applicant.
        let token = caller.isAuthenticated ? nil : command.lookupToken.flatMap { $0.isEmpty ? nil : $0 }
        guard caller.isAuthenticated || token != nil else { throw Problem.authenticationRequired }
        guard let kind = DossierAction.Kind(rawValue: command.action) else {
            throw Problem(status: 404, title: "Unknown action", detail: "There is no action \(command.action); the actions are "
                          + DossierAction.Kind.allCases.map(\.rawValue).joined(separator: ", ") + ".")
        }
        if token != nil, !Self.lookupTokenActions.contains(kind) {
            throw Problem(status: 403, title: "Forbidden", detail: "With the lookup token the applicant may only "
                          + Self.lookupTokenActions.map(\.rawValue).sorted().joined(separator: " or ") + " the dossier; sign in for more.")
        }
        let logger = context.logger
        let key = try IdempotencyKey.validated(command.idempotencyKey)
        let bodyHash = SHA256Hex.of(try WireJSON.encode(command.body))
        let outcome = try await runtime.database.transaction(logger: logger) { connection in
            guard var record = try await store.load(code: command.code, forUpdate: true, on: connection, logger: logger) else {
                throw Self.notFound(command.code)
            }
            let entitlements: Entitlements
            if let token {
                entitlements = LookupTokenDigest.matches(token, digest: record.lookupTokenHash)
                    ? Entitlements(roles: [.citizen: Self.lookupTokenUnit]) : Entitlements(roles: [:])
            } else {
                entitlements = try await resolver.resolve(caller, agency: record.agencyCode, ownerId: record.ownerId,
                                                          on: connection, logger: logger)
            }
            guard entitlements.canSee else { throw Self.notFound(command.code) }
            if let key, let first = try await requests.replay(code: record.code, key: key, action: kind.rawValue, bodyHash: bodyHash,
                                                              on: connection, logger: logger) {
                return first
            }
            let procedure = try await definition(of: record, on: connection, logger: logger)
            let plan = StepPlan(procedure)
            let role = try actingRole(kind, record: record, entitlements: entitlements, plan: plan, caller: caller)
            let request = try ActionRequest.parse(kind, body: command.body, stepCount: plan.stepCount).get()
            try Self.checkDocumentIds(request.action)
            let action = try await resolvedAssignee(request.action, record: record, on: connection, logger: logger)
            let transition: Transition
            switch DossierStateMachine.apply(action, by: role, to: record.workflow) {
            case .success(let accepted): transition = accepted
            case .failure(let error): throw Self.problem(error)
            }
            if kind == .extend, request.newDueDate == nil {
                throw Problem.validation([FieldError(field: "newDueDate", message: "is required")])
            }
            let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
            let at = Moment(now)
            let calendar = try await calendars.calendar(at: at, on: connection, logger: logger)
            let previousDue = record.dueAt
            let from = record.state
            record.clock = try ClockKeeper.apply(transition.clock, extendTo: kind == .extend ? request.newDueDate : nil,
                                                 to: record.clock, budget: procedure.processingTime, policy: procedure.clockPolicy,
                                                 at: at, calendar: calendar)
            record.workflow = transition.workflow
            if transition.clock == .start { record.receivedAt = now }
            if record.state.clockPhase == .finished, record.finishedAt == nil { record.finishedAt = now }
            if kind == .returnResult { record.returnedAt = now }
            if record.finishedAt == nil { record.overdue = record.clock?.isOverdue(at: at) ?? false }
            if case .issueResult(let documents) = action {
                let first = record.resultCodes.count + 1
                record.resultCodes += documents.indices.map { "\(record.code)-KQ\(first + $0)" }
            }
            let actor = token == nil
                ? try await actorRef(caller, role: role, unit: entitlements.unit(for: role), on: connection, logger: logger)
                : ActorRef(id: "applicant", name: record.applicant?.name ?? "Người nộp hồ sơ", role: Role.citizen.rawValue, unit: nil)
            let details = Self.details(of: action)
            var form: FormData?
            if let issued = transition.form {
                form = try await formData.issued(issued, for: record, procedure: procedure, actor: actor, at: now,
                                                 reasons: details.reasons, missingItems: details.missingItems,
                                                 previousDue: previousDue, on: connection, logger: logger)
            }
            let holder = try await holderName(record, on: connection, logger: logger)
            try await recorder.record(.init(action: kind.rawValue, from: from, transition: transition, actor: actor, at: now,
                                            reason: details.reasons.first, note: request.note, data: command.body.withoutNote,
                                            form: form, holder: holder),
                                      case: &record, plan: plan, calendar: calendar, correlationID: context.requestId,
                                      on: connection, logger: logger)
            let outcome = ActionOutcome(code: record.code, action: kind.rawValue,
                                        from: DossierStatusChanged.Side(status: from.nationalStatus, state: from.rawValue), to: record.side,
                                        at: now, dueAt: record.dueAt, form: transition.form?.rawValue,
                                        resultCodes: kind == .issueResult ? record.resultCodes : [], sequence: record.eventSequence)
            if let key {
                try await requests.remember(outcome, code: record.code, key: key, bodyHash: bodyHash, on: connection, logger: logger)
            }
            return outcome
        }
        if outcome.replayed == true { return outcome }  // the relay is woken by the outbox's NOTIFY at commit
        logger.info("dossier action", metadata: ["code": "\(outcome.code)", "action": "\(outcome.action)",
                                                  "to": "\(outcome.to.state)"])
        return outcome
    }

    /// The role the caller acts in: the first the table allows here that the caller holds for
    /// this dossier, and — for the current handling step's actions — the step's role (a
    /// specialist only when assigned).
    private func actingRole(_ kind: DossierAction.Kind, record: CaseRecord, entitlements: Entitlements, plan: StepPlan,
                            caller: Caller) throws -> Role {
        guard let rule = DossierStateMachine.rule(for: kind, in: record.state) else {
            let anyRole = entitlements.roles.keys.first ?? .citizen
            throw Self.problem(DossierStateMachine.refusal(of: kind, by: anyRole, in: record.workflow)
                ?? .notAllowedInState(record.state, kind, reason: "not allowed"))
        }
        var candidates = rule.roles.filter { entitlements.roles[$0] != nil }
        guard !candidates.isEmpty else {
            let held = entitlements.roles.keys.map(\.rawValue).sorted().joined(separator: ", ")
            throw Problem(status: 403, title: "Forbidden", detail: "Your roles for this dossier (\(held)) may not \(kind.rawValue) it in state "
                          + "\(record.state.summary); allowed: \(rule.roles.map(\.rawValue).joined(separator: ", ")).")
        }
        if Self.stepHolderActions.contains(kind), [.inHandling, .awaitingConsultation].contains(record.state) {
            let step = plan.handling[min(record.workflow.currentStep, plan.handling.count - 1)]
            candidates = candidates.filter { role in
                role == .system || role == step.role && (role != .specialist || record.workflow.assignee == caller.userId)
            }
            guard !candidates.isEmpty else {
                let holder = step.role == .specialist ? "the assigned specialist" : "a \(step.role.rawValue)"
                throw Problem(status: 403, title: "Forbidden", detail:
                    "Step \(record.workflow.currentStep + 1) (\(step.name ?? step.role.rawValue)) is handled by \(holder); you do not hold it.")
            }
        }
        return candidates[0]
    }

    /// `assign` names a user by id or username: it must be an active specialist serving the
    /// dossier's agency; the workflow records the user id.
    private func resolvedAssignee(_ action: DossierAction, record: CaseRecord, on connection: PostgresConnection,
                                  logger: Logger) async throws -> DossierAction {
        guard case .assign(let name) = action else { return action }
        let invalid = { (message: String) in Problem.validation([FieldError(field: "assignee", message: message)]) }
        guard let member = try await staff.find(name, on: connection, logger: logger) else { throw invalid("is not a known user") }
        guard !member.disabled else { throw invalid("is a disabled user") }
        let asCaller = Caller(userId: member.id, kind: member.kind, assignments: member.roles)
        let served = try await resolver.resolve(asCaller, agency: record.agencyCode, ownerId: nil, on: connection, logger: logger)
        guard served.unit(for: .specialist) != nil else {
            throw invalid("\(member.username) is not a specialist of an org unit serving agency \(record.agencyCode)")
        }
        return .assign(assignee: member.id)
    }

    /// Result documents are the documents service's ids (UUIDs): it signs them as the e-results.
    private static func checkDocumentIds(_ action: DossierAction) throws {
        guard case .issueResult(let documents) = action else { return }
        let errors = documents.enumerated().compactMap { index, id in
            UUID(uuidString: id.trimmingWhitespace) == nil ? FieldError(field: "resultDocuments[\(index)]", message: "must be a document id (UUID)") : nil
        }
        guard errors.isEmpty else { throw ValidationFailure(errors) }
    }

    private func definition(of record: CaseRecord, on connection: PostgresConnection, logger: Logger) async throws -> ProcedureDefinition {
        if let version = record.procedureVersion,
           let definition = try await procedures.version(code: record.procedureCode, version: version, on: connection, logger: logger) {
            return definition
        }
        if let current = try await procedures.current(code: record.procedureCode, on: connection, logger: logger) {
            return current.definition
        }
        throw Problem(status: 503, title: "Procedure not available",
                      detail: "Procedure \(record.procedureCode) is not yet known to processing; try again shortly.", retryAfter: 5)
    }

    private func actorRef(_ caller: Caller, role: Role, unit: String?, on connection: PostgresConnection, logger: Logger) async throws -> ActorRef {
        let id = caller.userId ?? role.rawValue
        let name = try await staff.find(id, on: connection, logger: logger)?.displayName ?? (role == .system ? "Hệ thống" : id)
        return ActorRef(id: id, name: name, role: role.rawValue, unit: unit)
    }

    /// Who holds the dossier after the action, as the control slip names them.
    private func holderName(_ record: CaseRecord, on connection: PostgresConnection, logger: Logger) async throws -> String? {
        guard [.inHandling, .awaitingConsultation].contains(record.state), let assignee = record.workflow.assignee else { return nil }
        return try await staff.find(assignee, on: connection, logger: logger)?.displayName ?? assignee
    }

    private static func details(of action: DossierAction) -> (reasons: [String], missingItems: [String]) {
        switch action {
        case .refuse(let reason), .sendBack(let reason), .extend(let reason), .stop(let reason), .withdraw(let reason):
            return ([reason.trimmingWhitespace], [])
        case .requestSupplement(let items):
            return ([], items.map(\.trimmingWhitespace))
        default:
            return ([], [])
        }
    }

    /// The unit recorded for the lookup token's holder: the public, like self-registered applicants.
    static let lookupTokenUnit = "PUBLIC"

    static func notFound(_ code: String) -> Problem {
        Problem.notFound("No dossier \(code) among those you may see.")
    }

    static func problem(_ error: WorkflowError) -> Problem {
        switch error {
        case .invalidData(_, let errors):
            return Problem.validation(errors)
        case .notAllowedInState:
            return Problem(status: 409, title: "Action not allowed now", detail: error.description,
                           type: "urn:onegate:problem:action-not-allowed")
        case .roleNotAllowed:
            return Problem(status: 403, title: "Forbidden", detail: error.description)
        }
    }
}

extension JSONValue {
    /// The action's data as recorded: the body without its free `note` (recorded apart).
    var withoutNote: JSONValue {
        guard case .object(var object) = self else { return self == .null ? .object([:]) : self }
        object.removeValue(forKey: "note")
        return .object(object)
    }
}
