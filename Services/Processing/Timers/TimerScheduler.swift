import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO

/// Keeps a case's pending timers in step with its clock, inside the action's transaction: while
/// the clock runs, a reminder at the opening of the due day and the overdue mark at the due
/// moment; otherwise none. A timer already fired for a due moment is never re-armed for it.
struct TimerScheduler: Sendable {
    let schema: String

    enum Kind: String, Sendable {
        case approaching = "deadline-approaching"
        case overdue
    }

    func reschedule(_ record: CaseRecord, calendar: WorkingCalendar, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("""
            UPDATE \(unescaped: schema).timers SET cancelled_at = now()
            WHERE code = \(record.code) AND fired_at IS NULL AND cancelled_at IS NULL
            """, logger: logger)
        guard record.finishedAt == nil, record.state.clockPhase == .running, let due = record.clock?.currentDue else { return }
        let reminder = Self.reminder(before: due, calendar: calendar)
        if reminder < due {
            try await arm(.approaching, code: record.code, due: due, fireAt: reminder, on: connection, logger: logger)
        }
        try await arm(.overdue, code: record.code, due: due, fireAt: due, on: connection, logger: logger)
    }

    /// The opening of office hours on the due date: the handler's last working day.
    static func reminder(before due: Moment, calendar: WorkingCalendar) -> Moment {
        calendar.nextOfficeTime(atOrAfter: Moment.startOfVietnamDay(due.vietnamDate))
    }

    private func arm(_ kind: Kind, code: String, due: Moment, fireAt: Moment, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("""
            INSERT INTO \(unescaped: schema).timers AS t (code, kind, due_at, fire_at) VALUES (\(code), \(kind.rawValue), \(due.date), \(fireAt.date))
            ON CONFLICT (code, kind, due_at) DO UPDATE SET cancelled_at = NULL, fire_at = EXCLUDED.fire_at
            WHERE t.fired_at IS NULL
            """, logger: logger)
    }
}
