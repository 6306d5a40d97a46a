import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO

/// Processing's schema: cases and their status history.
struct CaseStore: Sendable {
    let schema: String

    /// Opens a case; false when it exists already (a replayed event).
    func open(_ submitted: DossierSubmitted, state: String, status: NationalStatus,
              on connection: PostgresConnection, logger: Logger) async throws -> Bool {
        let rows = try await connection.query("""
            INSERT INTO \(unescaped: schema).cases
                (code, agency_code, procedure_code, procedure_version, channel, state, status, lookup_token_hash, submitted_at, event_sequence)
            VALUES (\(submitted.code), \(submitted.agencyCode), \(submitted.procedureCode), \(submitted.procedureVersion),
                    \(submitted.channel.rawValue),
                    \(state), \(Int16(status.rawValue)), \(submitted.lookupTokenHash), \(submitted.submittedAt), 1)
            ON CONFLICT (code) DO NOTHING
            RETURNING 1
            """, logger: logger)
        var opened = false
        for try await _ in rows { opened = true }
        return opened
    }

    func recordHistory(code: String, from: NationalStatus?, to: NationalStatus, state: String, at: Date, actor: String,
                       reason: String?, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("""
            INSERT INTO \(unescaped: schema).case_history (code, from_status, to_status, state, at, actor, reason)
            VALUES (\(code), \(from.map { Int16($0.rawValue) }), \(Int16(to.rawValue)), \(state), \(at), \(actor), \(reason))
            """, logger: logger)
    }

    /// The case, its lookup-token hash and its history; nil when unknown.
    func view(code: String, on connection: PostgresConnection, logger: Logger) async throws -> (CaseView, String)? {
        var found: (status: Int16, state: String, due: Date?, hash: String)?
        for try await row in try await connection.query("""
            SELECT status, state, due_at, lookup_token_hash FROM \(unescaped: schema).cases WHERE code = \(code)
            """, logger: logger).decode((Int16, String, Date?, String).self) {
            found = row
        }
        guard let found, let status = NationalStatus(rawValue: Int(found.status)) else { return nil }
        var history: [StatusHistoryEntry] = []
        for try await (to, state, at, actor, reason) in try await connection.query("""
            SELECT to_status, state, at, actor, reason FROM \(unescaped: schema).case_history
            WHERE code = \(code) ORDER BY id
            """, logger: logger).decode((Int16, String, Date, String, String?).self) {
            guard let entryStatus = NationalStatus(rawValue: Int(to)) else { continue }
            history.append(StatusHistoryEntry(status: StatusView(entryStatus), state: state, at: at, actor: actor, reason: reason))
        }
        return (CaseView(code: code, status: StatusView(status), state: found.state, dueAt: found.due, history: history), found.hash)
    }
}
