import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO
import ServiceKit
import ServiceLifecycle
import Storage

/// Fires due deadline timers: `processing.dossier.deadline-approaching` and `.overdue` (which
/// also marks the case overdue). Every processing instance runs one; each timer is fired in a
/// transaction that locks its case first (the same order as actions), then claims the timer
/// with `SKIP LOCKED` and marks it fired, so a timer fires once even with several instances or
/// across restarts — one that came due while processing was down fires at start-up.
struct TimerWorker: Sendable {
    let runtime: ServiceRuntime
    let store: CaseStore
    let pollInterval: Duration
    let batchSize = 100

    /// Fires timers until the service shuts down gracefully.
    func run() async {
        await cancelWhenGracefulShutdown { await loop() }
    }

    private func loop() async {
        while !Task.isCancelled {
            do {
                let fired = try await fireDue()
                if fired > 0 { runtime.relay.wake() }
                if fired < batchSize { try await Task.sleep(for: pollInterval) }
            } catch is CancellationError {
                return
            } catch {
                runtime.logger.warning("timer pass failed; retrying", metadata: ["error": "\(String(reflecting: error))"])
                try? await Task.sleep(for: pollInterval)
            }
        }
    }

    /// One pass over the timers due now; the number fired.
    func fireDue() async throws -> Int {
        let logger = runtime.logger
        let schema = store.schema
        let due = try await runtime.database.withConnection { connection in
            var due: [(id: Int64, code: String)] = []
            for try await (id, code) in try await connection.query("""
                SELECT id, code FROM \(unescaped: schema).timers
                WHERE fired_at IS NULL AND cancelled_at IS NULL AND fire_at <= now() ORDER BY fire_at LIMIT \(batchSize)
                """, logger: logger).decode((Int64, String).self) {
                due.append((id, code))
            }
            return due
        }
        var fired = 0
        for timer in due where try await fire(timer.id, code: timer.code) {
            fired += 1
        }
        return fired
    }

    private func fire(_ id: Int64, code: String) async throws -> Bool {
        let logger = runtime.logger
        let schema = store.schema
        return try await runtime.database.transaction(logger: logger) { connection in
            guard var record = try await store.load(code: code, forUpdate: true, on: connection, logger: logger) else { return false }
            var claimed: (kind: String, due: Date)?
            for try await row in try await connection.query("""
                SELECT kind, due_at FROM \(unescaped: schema).timers
                WHERE id = \(id) AND fired_at IS NULL AND cancelled_at IS NULL FOR UPDATE SKIP LOCKED
                """, logger: logger).decode((String, Date).self) {
                claimed = row
            }
            guard let claimed else { return false }
            let current = record.clock?.currentDue
            guard record.finishedAt == nil, let current, current.date == claimed.due else {
                try await connection.query("UPDATE \(unescaped: schema).timers SET cancelled_at = now() WHERE id = \(id)", logger: logger)
                return false
            }
            try await connection.query("UPDATE \(unescaped: schema).timers SET fired_at = now() WHERE id = \(id)", logger: logger)
            let now = Date()
            let name: EventName
            if claimed.kind == TimerScheduler.Kind.overdue.rawValue {
                record.overdue = true
                name = .dossierOverdue
            } else {
                name = .dossierDeadlineApproaching
            }
            let event = DossierDeadlineEvent(code: record.code, dueAt: claimed.due, at: now, unit: record.holderUnit,
                                             assignee: record.workflow.assignee, agencyCode: record.agencyCode,
                                             procedureCode: record.procedureCode)
            let sequence = record.nextSequence()
            try await runtime.outbox.enqueue([
                try OutboxMessage.event(name, source: .processing, subject: record.code, sequence: sequence, payload: event,
                                        correlationID: nil, at: now),
            ], on: connection, logger: logger)
            try await store.save(record, on: connection, logger: logger)
            logger.info("deadline timer fired", metadata: ["code": "\(code)", "kind": "\(claimed.kind)"])
            return true
        }
    }
}
