import Contracts
import Domain
import ServiceKit

/// `processing.status`: the case's status and history, for the holder of the lookup token.
struct StatusHandler: Sendable {
    let runtime: ServiceRuntime
    let store: CaseStore
    let history: HistoryStore

    func handle(_ lookup: DossierLookup, context: RPCContext) async throws -> CaseView {
        guard let token = lookup.lookupToken, !token.isEmpty else {
            throw Problem(status: 401, title: "Lookup token required", detail: "Pass the lookup token given at submission as ?token=.")
        }
        return try await runtime.database.withConnection { connection in
            guard let record = try await store.load(code: lookup.code, forUpdate: false, on: connection, logger: context.logger),
                  LookupTokenDigest.matches(token, digest: record.lookupTokenHash) else {
                throw Problem.notFound("No case \(lookup.code) matches this lookup token.")
            }
            let rows = try await history.rows(code: record.code, on: connection, logger: context.logger)
            let submission = record.applicant.map {
                CaseSubmission(procedureCode: record.procedureCode, agencyCode: record.agencyCode, channel: record.channel,
                               applicantKind: $0.kind, submittedAt: record.submittedAt)
            }
            return CaseView(code: record.code, status: StatusView(record.status), state: record.state.rawValue, dueAt: record.dueAt,
                            history: rows.map(Self.entry), submission: submission)
        }
    }

    /// A history row as callers see it: the actor's name only (anonymous trackers see no ids).
    static func entry(_ row: HistoryRow) -> StatusHistoryEntry {
        StatusHistoryEntry(status: StatusView(row.toState.nationalStatus), state: row.toState.rawValue, at: row.at,
                           actor: row.actor.name, reason: row.reason, action: row.action)
    }
}
