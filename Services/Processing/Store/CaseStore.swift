import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO

/// Processing's schema: cases, their audited history and the forms issued.
struct CaseStore: Sendable {
    let schema: String

    private static let columns = """
        code, agency_code, procedure_code, procedure_version, procedure_name, channel, lookup_token_hash,
        applicant::text, owner_id, attachments::text, workflow::text, clock::text, submitted_at, received_at, finished_at,
        holder_unit, overdue, result_codes, event_sequence, returned_at
        """

    /// Opens a case; false when it exists already (a replayed event).
    func open(_ record: CaseRecord, on connection: PostgresConnection, logger: Logger) async throws -> Bool {
        let rows = try await connection.query("""
            INSERT INTO \(unescaped: schema).cases
                (code, agency_code, procedure_code, procedure_version, procedure_name, channel, state, status, lookup_token_hash,
                 applicant, owner_id, attachments, workflow, clock, submitted_at, received_at, due_at, holder_unit, assignee,
                 event_sequence)
            VALUES (\(record.code), \(record.agencyCode), \(record.procedureCode), \(record.procedureVersion), \(record.procedureName),
                    \(record.channel.rawValue), \(record.state.rawValue), \(Int16(record.status.rawValue)), \(record.lookupTokenHash),
                    \(try json(record.applicant))::jsonb, \(record.ownerId), \(try json(record.attachments) ?? "[]")::jsonb,
                    \(try json(record.workflow))::jsonb, \(try json(record.clock))::jsonb, \(record.submittedAt), \(record.receivedAt),
                    \(record.dueAt), \(record.holderUnit), \(record.workflow.assignee), \(record.eventSequence))
            ON CONFLICT (code) DO NOTHING
            RETURNING 1
            """, logger: logger)
        var opened = false
        for try await _ in rows { opened = true }
        return opened
    }

    /// The case, locked until the transaction ends when `forUpdate`; nil when unknown.
    func load(code: String, forUpdate: Bool, on connection: PostgresConnection, logger: Logger) async throws -> CaseRecord? {
        let lock = forUpdate ? "FOR UPDATE" : ""
        let rows = try await connection.query("""
            SELECT \(unescaped: Self.columns) FROM \(unescaped: schema).cases WHERE code = \(code) \(unescaped: lock)
            """, logger: logger)
        for try await row in rows {
            return try Self.record(row)
        }
        return nil
    }

    /// Cases matching `condition` (with `$1`… bound to `bindings`), unlocked.
    func load(where condition: String, _ bindings: PostgresBindings, limit: Int,
              on connection: PostgresConnection, logger: Logger) async throws -> [CaseRecord] {
        let query = PostgresQuery(unsafeSQL: "SELECT \(Self.columns) FROM \(schema).cases WHERE \(condition) LIMIT \(limit)",
                                  binds: bindings)
        var records: [CaseRecord] = []
        for try await row in try await connection.query(query, logger: logger) {
            records.append(try Self.record(row))
        }
        return records
    }

    /// The work-queue lines of the cases matching `condition` (with `$1`… bound to `bindings`, its
    /// order included): scalar columns only, the assignee named from the staff copy, no JSON decoded.
    func queueItems(where condition: String, _ bindings: PostgresBindings, limit: Int,
                    on connection: PostgresConnection, logger: Logger) async throws -> [WorkQueueItem] {
        let query = PostgresQuery(unsafeSQL: """
            SELECT code, procedure_code, procedure_name, agency_code, channel, applicant->>'name', status, state,
                   coalesce((SELECT s.display_name FROM \(schema).staff s WHERE s.id = cases.assignee), assignee),
                   submitted_at, received_at, due_at, overdue
            FROM \(schema).cases WHERE \(condition) LIMIT \(limit)
            """, binds: bindings)
        var items: [WorkQueueItem] = []
        for try await row in try await connection.query(query, logger: logger) {
            let c = row.makeRandomAccess()
            let status = NationalStatus(rawValue: Int(try c[6].decode(Int16.self))) ?? .received
            items.append(WorkQueueItem(
                code: try c[0].decode(String.self), procedureCode: try c[1].decode(String.self),
                procedureName: try c[2].decode(String?.self), agencyCode: try c[3].decode(String.self),
                channel: SubmissionChannel(rawValue: try c[4].decode(String.self)) ?? .online, applicantName: try c[5].decode(String?.self),
                status: StatusView(status), state: try c[7].decode(String.self), assignee: try c[8].decode(String?.self),
                submittedAt: try c[9].decode(Date.self), receivedAt: try c[10].decode(Date?.self), dueAt: try c[11].decode(Date?.self),
                overdue: try c[12].decode(Bool.self)))
        }
        return items
    }

    /// Writes back everything an action may change; `lastAction` when a history row was just
    /// appended (its action: the queues' "supplements" tab reads it).
    func save(_ record: CaseRecord, lastAction: String? = nil, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("""
            UPDATE \(unescaped: schema).cases SET
                state = \(record.state.rawValue), status = \(Int16(record.status.rawValue)), procedure_name = \(record.procedureName),
                applicant = \(try json(record.applicant))::jsonb, owner_id = \(record.ownerId),
                workflow = \(try json(record.workflow))::jsonb, clock = \(try json(record.clock))::jsonb,
                received_at = \(record.receivedAt), finished_at = \(record.finishedAt), returned_at = \(record.returnedAt), due_at = \(record.dueAt),
                assignee = \(record.workflow.assignee), holder_unit = \(record.holderUnit), overdue = \(record.overdue),
                result_codes = \(record.resultCodes), event_sequence = \(record.eventSequence), updated_at = now(),
                last_action = coalesce(\(lastAction), last_action)
            WHERE code = \(record.code)
            """, logger: logger)
    }

    static func record(_ row: PostgresRow) throws -> CaseRecord {
        let columns = row.makeRandomAccess()
        let code = try columns[0].decode(String.self)
        let agency = try columns[1].decode(String.self)
        let procedure = try columns[2].decode(String.self)
        let version = try columns[3].decode(Int?.self)
        let procedureName = try columns[4].decode(String?.self)
        let channel = try columns[5].decode(String.self)
        let tokenHash = try columns[6].decode(String.self)
        let applicant = try columns[7].decode(String?.self)
        let owner = try columns[8].decode(String?.self)
        let attachments = try columns[9].decode(String.self)
        let workflow = try columns[10].decode(String.self)
        let clock = try columns[11].decode(String?.self)
        let submittedAt = try columns[12].decode(Date.self)
        let receivedAt = try columns[13].decode(Date?.self)
        let finishedAt = try columns[14].decode(Date?.self)
        let holder = try columns[15].decode(String?.self)
        let overdue = try columns[16].decode(Bool.self)
        let resultCodes = try columns[17].decode([String].self)
        let sequence = try columns[18].decode(Int64.self)
        let returnedAt = try columns[19].decode(Date?.self)
        return CaseRecord(
            code: code, agencyCode: agency, procedureCode: procedure, procedureVersion: version, procedureName: procedureName,
            channel: SubmissionChannel(rawValue: channel) ?? .online, lookupTokenHash: tokenHash,
            applicant: try applicant.map { try WireJSON.decode(ApplicantSummary.self, from: Data($0.utf8)) },
            ownerId: owner,
            attachments: try WireJSON.decode([Submission.Attachment].self, from: Data(attachments.utf8)),
            workflow: try WireJSON.decode(DossierWorkflow.self, from: Data(workflow.utf8)),
            clock: try clock.map { try WireJSON.decode(DeadlineClock.self, from: Data($0.utf8)) },
            submittedAt: submittedAt, receivedAt: receivedAt, finishedAt: finishedAt, returnedAt: returnedAt, holderUnit: holder, overdue: overdue,
            resultCodes: resultCodes, eventSequence: sequence)
    }

    private func json<Value: Encodable>(_ value: Value?) throws -> String? {
        guard let value else { return nil }
        return String(decoding: try WireJSON.encode(value), as: UTF8.self)
    }
}
