import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO
import ServiceKit
import Storage

/// `intake.submit`: validates a submission, gives it a dossier code, stores it and emits
/// `intake.dossier.submitted` through the outbox.
///
/// The dossier and its events are written by one statement, so they commit together. The code's
/// number is taken just before, by a statement of its own: every submission of an agency's day
/// bumps the same sequence row, and its lock then lasts that statement's commit rather than the
/// whole submission. A failure between the two leaves a gap in the day's numbers, which the law
/// allows; numbers are never reused.
struct SubmitHandler: Sendable {
    let runtime: ServiceRuntime
    let store: DossierStore
    let tokens: LookupTokens
    let attachments: AttachmentOwnership
    let partners: PartnerSubmissionRight
    let counterEntries: CounterEntryScope

    func handle(_ request: SubmitDossier, context: RPCContext) async throws -> SubmissionReceipt {
        let submission = try SubmissionValidator.validate(request.body).get()
        let key = try IdempotencyKey.validated(request.idempotencyKey)
        let requestHash = try key.map { _ in RequestFingerprint.of(try WireJSON.encode(request.body)) }
        let logger = context.logger
        let partner = try PartnerSubmissionRight.partner(of: request, caller: context.caller)
        do {
            // One connection, no transaction: each statement commits on its own (see above).
            let receipt = try await runtime.database.withConnection { connection in
                // Before a replay too: a retry's answer carries the dossier's lookup token.
                if let partner {
                    try await partners.check(partner, agency: submission.agencyCode.rawValue, on: connection, logger: logger)
                }
                if let key, let existing = try await store.find(idempotencyKey: key, on: connection, logger: logger) {
                    return try replay(existing, requestHash: requestHash)
                }
                return try await create(submission, idempotencyKey: key, requestHash: requestHash,
                                        context: context, on: connection)
            }
            if !receipt.replayed {  // the relay is woken by the outbox's NOTIFY at commit
                logger.info("dossier submitted", metadata: ["code": "\(receipt.code)", "channel": "\(submission.channel.rawValue)"])
            }
            return receipt
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23505" && key != nil {
            // Two requests with one Idempotency-Key raced; the other one won: answer with its dossier.
            return try await runtime.database.withConnection { connection in
                guard let key, let existing = try await store.find(idempotencyKey: key, on: connection, logger: logger) else {
                    throw error
                }
                return try replay(existing, requestHash: requestHash)
            }
        }
    }

    private func create(_ submission: Submission, idempotencyKey: String?, requestHash: String?,
                        context: RPCContext, on connection: PostgresConnection) async throws -> SubmissionReceipt {
        guard let procedure = try await ProcedureCopies(schema: store.schema).current(code: submission.procedureCode,
                                                                                     on: connection, logger: context.logger) else {
            throw ValidationFailure([ProcedureConformance.unknownProcedure(submission.procedureCode)])
        }
        try ProcedureConformance.checkChannel(submission.channel, caller: context.caller)
        try await counterEntries.check(submission, caller: context.caller, on: connection, logger: context.logger)
        let problems = ProcedureConformance.problems(submission, against: procedure.definition)
        guard problems.isEmpty else { throw ValidationFailure(problems) }
        try await attachments.check(submission.attachments, context: context)
        let now = Date()
        let today = LocalDate.inVietnam(secondsSinceEpoch: now.timeIntervalSince1970)
        let sequence = try await store.nextSequence(agency: submission.agencyCode, date: today, on: connection, logger: context.logger)
        guard let code = DossierCode(agency: submission.agencyCode, date: today, sequence: sequence) else {
            throw Problem(status: 503, title: "Daily capacity reached",
                          detail: "Agency \(submission.agencyCode) has used every dossier number for today.")
        }
        let token = LookupTokens.issue()
        let tokenHash = LookupTokenDigest.of(token)
        // Kept (sealed) only for a retry to answer with it; without a key there is no retry.
        let sealedToken = try idempotencyKey.map { _ in try tokens.seal(token, code: code.description) }
        let status = NationalStatus.submitted
        let event = DossierSubmitted(code: code.description, procedureCode: submission.procedureCode,
                                     procedureVersion: procedure.version, agencyCode: submission.agencyCode.rawValue, channel: submission.channel,
                                     applicantKind: submission.applicant.kind,
                                     applicantIdMasked: ApplicantRules.mask(submission.applicant.idNumber),
                                     submittedAt: now, lookupTokenHash: tokenHash)
        var handover = event
        handover.applicant = ApplicantSummary(submission.applicant)
        handover.ownerId = context.caller.holds(Role.citizen.rawValue) ? context.caller.userId : nil
        handover.enteredBy = ProcedureConformance.enteringOfficer(submission.channel, caller: context.caller)
        handover.attachments = submission.attachments
        let events = [
            try OutboxMessage.event(.dossierSubmitted, source: .intake, subject: code.description, sequence: 1,
                                    payload: event, correlationID: context.requestId, at: now),
            try OutboxMessage.event(.dossierHandedOver, source: .intake, subject: code.description, sequence: 1,
                                    payload: handover, correlationID: context.requestId, at: now),
        ]
        try await store.insert(id: UUID(), code: code, submission: submission, procedureVersion: procedure.version,
                               status: status, lookupTokenHash: tokenHash, sealedLookupToken: sealedToken,
                               idempotencyKey: idempotencyKey, requestHash: requestHash, submittedAt: now,
                               queueing: events, in: runtime.outbox, on: connection, logger: context.logger)
        return SubmissionReceipt(code: code.description, status: StatusView(status), submittedAt: now, dueAt: nil,
                                 lookupToken: token, replayed: false)
    }

    private func replay(_ existing: StoredDossier, requestHash: String?) throws -> SubmissionReceipt {
        guard existing.requestHash == requestHash else {
            throw Problem(status: 422, title: "Idempotency key reused",
                          detail: "This Idempotency-Key was used for a different request.")
        }
        return SubmissionReceipt(code: existing.code, status: StatusView(existing.status), submittedAt: existing.submittedAt,
                                 dueAt: nil, lookupToken: existing.sealedLookupToken.flatMap { tokens.open($0, code: existing.code) },
                                 replayed: true)
    }
}
