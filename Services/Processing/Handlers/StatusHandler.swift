import Contracts
import Domain
import ServiceKit

/// `processing.status`: the case's status and history, for the holder of the lookup token or
/// for its applicant signed in (the dossier's owner), with what the case waits for from the
/// applicant now. Anyone else: the same 404 as for an unknown code.
struct StatusHandler: Sendable {
    let runtime: ServiceRuntime
    let store: CaseStore
    let history: HistoryStore

    func handle(_ lookup: DossierLookup, context: RPCContext) async throws -> CaseView {
        let token = lookup.lookupToken.flatMap { $0.isEmpty ? nil : $0 }
        guard token != nil || context.caller.userId != nil else {
            throw Problem(status: 401, title: "Lookup token required", detail: "Pass the lookup token given at submission as ?token=.")
        }
        return try await runtime.database.withConnection { connection in
            guard let record = try await store.load(code: lookup.code, forUpdate: false, on: connection, logger: context.logger),
                  Self.admits(record, token: token, caller: context.caller) else {
                throw Problem.notFound("No case \(lookup.code) matches this lookup token.")
            }
            let rows = try await history.rows(code: record.code, on: connection, logger: context.logger)
            let submission = record.applicant.map {
                CaseSubmission(procedureCode: record.procedureCode, agencyCode: record.agencyCode, channel: record.channel,
                               applicantKind: $0.kind, submittedAt: record.submittedAt)
            }
            return CaseView(code: record.code, status: StatusView(record.status), state: record.state.rawValue, dueAt: record.dueAt,
                            history: rows.map(Self.entry), submission: submission,
                            applicantTask: Self.applicantTask(state: record.state, rows: rows))
        }
    }

    /// The lookup token's holder, or (without a token) the signed-in applicant who owns the case.
    static func admits(_ record: CaseRecord, token: String?, caller: Caller) -> Bool {
        if let token { return LookupTokenDigest.matches(token, digest: record.lookupTokenHash) }
        guard let owner = record.ownerId, let user = caller.userId else { return false }
        return owner == user && caller.holds(Role.citizen.rawValue)
    }

    /// A history row as callers see it: the actor's name and unit only (anonymous trackers see no ids).
    static func entry(_ row: HistoryRow) -> StatusHistoryEntry {
        StatusHistoryEntry(status: StatusView(row.toState.nationalStatus), state: row.toState.rawValue, at: row.at,
                           actor: row.actor.name, reason: row.reason, action: row.action, unit: row.actor.unit)
    }

    /// While the case waits for a supplement or a payment: the request that put it there (the
    /// latest of its kind), with the items or the amount it recorded.
    static func applicantTask(state: DossierState, rows: [HistoryRow]) -> ApplicantTask? {
        switch state {
        case .supplementRequestedAtReception, .supplementRequestedDuringHandling:
            guard let request = rows.last(where: { $0.action == DossierAction.Kind.requestSupplement.rawValue }) else { return nil }
            var items: [String] = []
            if case .array(let values)? = request.data.objectValue?["missingItems"] { items = values.compactMap(\.stringValue) }
            return ApplicantTask(kind: .supplement, missingItems: items, requestedAt: request.at)
        case .awaitingPayment:
            guard let request = rows.last(where: { $0.action == DossierAction.Kind.requestPayment.rawValue }) else { return nil }
            var amount: Int64?
            if case .number(let value)? = request.data.objectValue?["amount"] { amount = Int64(value) }
            return ApplicantTask(kind: .pay, amount: amount, requestedAt: request.at)
        default:
            return nil
        }
    }
}
