import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO
import Storage

/// A dossier row as intake keeps it.
struct StoredDossier: Sendable {
    let code: String
    let procedureCode: String
    let agencyCode: String
    let channel: SubmissionChannel
    let applicantKind: ApplicantKind
    let status: NationalStatus
    let lookupTokenHash: String
    /// The lookup token sealed under intake's key (submissions with an Idempotency-Key only).
    let sealedLookupToken: String?
    let requestHash: String?
    let submittedAt: Date
}

/// Intake's schema: dossiers and their daily code sequences.
struct DossierStore: Sendable {
    let schema: String

    /// Takes the next sequence number for `agency` on `date`; atomic under concurrency. Call it
    /// outside a transaction: the row lock every submission of the agency's day waits for then ends
    /// with this statement's commit.
    func nextSequence(agency: AgencyIdentifier, date: LocalDate, on connection: PostgresConnection, logger: Logger) async throws -> Int {
        let rows = try await connection.query("""
            INSERT INTO \(unescaped: schema).dossier_sequences AS s (agency_code, receipt_date, last_value)
            VALUES (\(agency.rawValue), \(date.description)::date, 1)
            ON CONFLICT (agency_code, receipt_date) DO UPDATE SET last_value = s.last_value + 1
            RETURNING last_value
            """, logger: logger)
        for try await value in rows.decode(Int.self) { return value }
        throw Problem.internalError
    }

    /// Stores the dossier and queues `events` (and wakes the relays) in one statement, which
    /// commits them together even outside a transaction.
    func insert(id: UUID, code: DossierCode, submission: Submission, procedureVersion: Int, status: NationalStatus, lookupTokenHash: String,
                sealedLookupToken: String?, idempotencyKey: String?, requestHash: String?, submittedAt: Date, queueing events: [OutboxMessage], in outbox: Outbox,
                on connection: PostgresConnection, logger: Logger) async throws {
        let applicant = String(decoding: try WireJSON.encode(submission.applicant), as: UTF8.self)
        let form = String(decoding: try WireJSON.encode(submission.form), as: UTF8.self)
        let attachments = String(decoding: try WireJSON.encode(submission.attachments), as: UTF8.self)
        let rows = try await connection.query("""
            WITH dossier AS (
                INSERT INTO \(unescaped: schema).dossiers
                    (id, code, agency_code, receipt_date, sequence, procedure_code, procedure_version, channel, applicant_kind,
                     applicant, form, attachments, status, lookup_token_hash, lookup_token_sealed, idempotency_key, request_hash, submitted_at)
                VALUES (\(id), \(code.description), \(code.agency.rawValue), \(code.date.description)::date, \(code.sequence),
                        \(submission.procedureCode), \(procedureVersion), \(submission.channel.rawValue), \(submission.applicant.kind.rawValue),
                        \(applicant)::jsonb, \(form)::jsonb, \(attachments)::jsonb, \(Int16(status.rawValue)),
                        \(lookupTokenHash), \(sealedLookupToken), \(idempotencyKey), \(requestHash), \(submittedAt))
                RETURNING 1),
            queued AS (\(outboxInsert: events, schema: outbox.schema))
            SELECT pg_notify(\(outbox.channel), '') FROM (SELECT (SELECT count(*) FROM dossier) + (SELECT count(*) FROM queued)) AS done
            """, logger: logger)
        // The statement's failure (a unique violation: a racing request with the same idempotency key)
        // arrives with its rows: read them, or the submission would be answered as stored when it was not.
        for try await _ in rows {}
    }

    func find(code: String, on connection: PostgresConnection, logger: Logger) async throws -> StoredDossier? {
        try await first(connection.query("""
            SELECT code, procedure_code, agency_code, channel, applicant_kind, status, lookup_token_hash, lookup_token_sealed, request_hash, submitted_at
            FROM \(unescaped: schema).dossiers WHERE code = \(code)
            """, logger: logger))
    }

    func find(idempotencyKey: String, on connection: PostgresConnection, logger: Logger) async throws -> StoredDossier? {
        try await first(connection.query("""
            SELECT code, procedure_code, agency_code, channel, applicant_kind, status, lookup_token_hash, lookup_token_sealed, request_hash, submitted_at
            FROM \(unescaped: schema).dossiers WHERE idempotency_key = \(idempotencyKey)
            """, logger: logger))
    }

    private func first(_ rows: PostgresRowSequence) async throws -> StoredDossier? {
        for try await (code, procedure, agency, channel, kind, status, hash, sealed, requestHash, submittedAt) in rows.decode(
            (String, String, String, String, String, Int16, String, String?, String?, Date).self) {
            guard let channel = SubmissionChannel(rawValue: channel), let kind = ApplicantKind(rawValue: kind),
                  let status = NationalStatus(rawValue: Int(status)) else { throw Problem.internalError }
            return StoredDossier(code: code, procedureCode: procedure, agencyCode: agency, channel: channel,
                                 applicantKind: kind, status: status, lookupTokenHash: hash, sealedLookupToken: sealed, requestHash: requestHash,
                                 submittedAt: submittedAt)
        }
        return nil
    }
}
