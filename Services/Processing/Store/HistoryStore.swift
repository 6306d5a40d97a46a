import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO

/// One audited action: who, when, from which state to which, why, and the step it starts.
struct HistoryRow: Sendable {
    var action: String
    var fromState: DossierState?
    var fromStatus: NationalStatus?
    var toState: DossierState
    var at: Date
    var actor: ActorRef
    var reason: String?
    var note: String?
    var data: JSONValue
    /// The step the action starts (its name) and its deadline, for the control slip.
    var stepName: String?
    var stepDueAt: Date?
    /// Who holds the dossier after the action (a person or a unit), as the slip shows it.
    var holder: String?
}

/// `processing.case_history` (append-only: a trigger refuses updates and deletes).
struct HistoryStore: Sendable {
    let schema: String

    func append(_ row: HistoryRow, code: String, on connection: PostgresConnection, logger: Logger) async throws {
        let data = String(decoding: try WireJSON.encode(row.data), as: UTF8.self)
        try await connection.query("""
            INSERT INTO \(unescaped: schema).case_history
                (code, from_status, to_status, state, at, actor, reason, action, from_state, actor_id, actor_role, actor_unit,
                 note, data, step_name, step_due_at, holder)
            VALUES (\(code), \(row.fromStatus.map { Int16($0.rawValue) }), \(Int16(row.toState.nationalStatus.rawValue)),
                    \(row.toState.rawValue), \(row.at), \(row.actor.name), \(row.reason), \(row.action), \(row.fromState?.rawValue),
                    \(row.actor.id), \(row.actor.role), \(row.actor.unit), \(row.note), \(data)::jsonb, \(row.stepName),
                    \(row.stepDueAt), \(row.holder))
            """, logger: logger)
    }

    /// Every row of the case, oldest first.
    func rows(code: String, on connection: PostgresConnection, logger: Logger) async throws -> [HistoryRow] {
        var rows: [HistoryRow] = []
        for try await row in try await connection.query("""
            SELECT action, from_state, from_status, state, at, actor, reason, note, data::text, step_name, step_due_at, holder,
                   actor_id, actor_role, actor_unit
            FROM \(unescaped: schema).case_history WHERE code = \(code) ORDER BY id
            """, logger: logger) {
            let c = row.makeRandomAccess()
            let toState = DossierState(rawValue: try c[3].decode(String.self)) ?? .awaitingReception
            let data = try c[8].decode(String?.self).map { try WireJSON.decode(JSONValue.self, from: Data($0.utf8)) } ?? .null
            let actor = ActorRef(id: try c[12].decode(String?.self) ?? "applicant", name: try c[5].decode(String.self),
                                 role: try c[13].decode(String?.self) ?? Role.citizen.rawValue, unit: try c[14].decode(String?.self))
            rows.append(HistoryRow(
                action: try c[0].decode(String?.self) ?? "submit",
                fromState: try c[1].decode(String?.self).flatMap(DossierState.init(rawValue:)),
                fromStatus: try c[2].decode(Int16?.self).flatMap { NationalStatus(rawValue: Int($0)) },
                toState: toState, at: try c[4].decode(Date.self), actor: actor, reason: try c[6].decode(String?.self),
                note: try c[7].decode(String?.self), data: data, stepName: try c[9].decode(String?.self),
                stepDueAt: try c[10].decode(Date?.self), holder: try c[11].decode(String?.self)))
        }
        return rows
    }
}
