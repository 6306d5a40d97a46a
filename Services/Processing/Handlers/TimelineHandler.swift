import Contracts
import Domain
import Foundation
import ServiceKit

/// `processing.timeline`: the control slip (form 06) — every hand-over with who, when, the
/// deadline of the step it started, and whether that step ended by it.
struct TimelineHandler: Sendable {
    let runtime: ServiceRuntime
    let access: CaseAccess
    let history: HistoryStore

    func handle(_ reference: CaseReference, context: RPCContext) async throws -> Timeline {
        try await runtime.database.withConnection { connection in
            let (record, _) = try await access.load(reference.code, for: context.caller, on: connection, logger: context.logger)
            let rows = try await history.rows(code: record.code, on: connection, logger: context.logger)
            return Timeline(code: record.code, dueAt: record.dueAt, entries: Self.entries(rows))
        }
    }

    static func entries(_ rows: [HistoryRow]) -> [TimelineEntry] {
        rows.enumerated().map { index, row in
            let finishedAt = index + 1 < rows.count ? rows[index + 1].at : nil
            let onTime: Bool? = if let finishedAt, let due = row.stepDueAt { finishedAt <= due } else { nil }
            return TimelineEntry(sequence: index + 1, action: row.action, fromState: row.fromState?.rawValue, toState: row.toState.rawValue,
                                 status: StatusView(row.toState.nationalStatus), actor: row.actor, at: row.at, step: row.stepName,
                                 stepDueAt: row.stepDueAt, finishedAt: finishedAt, onTime: onTime, reason: row.reason, note: row.note)
        }
    }
}
