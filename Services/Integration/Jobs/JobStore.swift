import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO

/// The durable delivery queue (`integration.jobs`). Jobs are inserted in the transaction of the
/// event that caused them, claimed with a lease under `FOR UPDATE SKIP LOCKED` (safe with many
/// instances), and finished as delivered, retried after a back-off, or dead-lettered.
///
/// Lanes keep order: a job with a lane runs only when no earlier job of its lane is undelivered
/// (pending, leased or dead), so a dossier's portal changes go out one at a time, in sequence
/// order, and a dead-lettered change holds the later ones back until it is replayed. A portal job
/// also waits (up to the gap bound) until every earlier event of its dossier has arrived, so a
/// change consumed early never overtakes one still on its way.
struct JobStore: Sendable {
    let schema: String
    /// The NOTIFY channel that wakes the workers.
    var channel: String { "\(schema)_jobs" }

    func enqueue(_ jobs: [NewJob], on connection: PostgresConnection, logger: Logger) async throws -> Int {
        var inserted = 0
        for job in jobs {
            let payload = String(decoding: try JSONEncoder().encode(job.payload), as: UTF8.self)
            let rows = try await connection.query("""
                INSERT INTO \(unescaped: schema).jobs (kind, dedupe_key, lane, lane_order, subscription_id, event_id, subject, payload)
                VALUES (\(job.kind.rawValue), \(job.dedupeKey), \(job.lane), \(job.laneOrder), \(job.subscriptionID), \(job.eventID),
                        \(job.subject), \(payload)::jsonb)
                ON CONFLICT (dedupe_key) DO NOTHING RETURNING id
                """, logger: logger)
            for try await _ in rows { inserted += 1 }
        }
        if inserted > 0 {
            try await connection.query("SELECT pg_notify(\(channel), '')", logger: logger)
        }
        return inserted
    }

    /// Leases up to `limit` jobs that are due and at the head of their lane.
    func claim(limit: Int, leaseSeconds: Int, gapSeconds: Int, on connection: PostgresConnection, logger: Logger) async throws -> [Job] {
        let rows = try await connection.query("""
            UPDATE \(unescaped: schema).jobs SET lease_until = now() + \(leaseSeconds)::float8 * interval '1 second',
                   attempts = attempts + 1, last_attempt_at = now()
            WHERE id IN (
                SELECT j.id FROM \(unescaped: schema).jobs j
                WHERE j.status = 'pending' AND j.next_attempt_at <= now() AND (j.lease_until IS NULL OR j.lease_until < now())
                  AND (j.lane IS NULL OR (
                    NOT EXISTS (SELECT 1 FROM \(unescaped: schema).jobs h
                                WHERE h.lane = j.lane AND h.status <> 'delivered'
                                  AND (h.lane_order < j.lane_order OR (h.lane_order = j.lane_order AND h.id < j.id)))
                    AND (j.lane_order IS NULL OR j.created_at < now() - \(gapSeconds)::float8 * interval '1 second'
                         OR (SELECT count(DISTINCT e.sequence) FROM \(unescaped: schema).dossier_events e
                             WHERE e.subject = j.subject AND e.sequence < j.lane_order) >= j.lane_order - 1)))
                ORDER BY j.next_attempt_at, j.id LIMIT \(limit) FOR UPDATE SKIP LOCKED)
            RETURNING id, kind, subscription_id, event_id, subject, payload::text, attempts
            """, logger: logger)
        var jobs: [Job] = []
        for try await (id, kind, subscription, event, subject, payload, attempts) in rows.decode(
            (Int64, String, UUID?, UUID?, String?, String, Int).self) {
            guard let kind = JobKind(rawValue: kind) else { continue }
            let value = (try? JSONDecoder().decode(JSONValue.self, from: Data(payload.utf8))) ?? .null
            jobs.append(Job(id: id, kind: kind, subscriptionID: subscription, eventID: event, subject: subject,
                            payload: value, attempts: attempts))
        }
        return jobs.sorted { $0.id < $1.id }
    }

    /// Records an attempt's outcome; returns the job's status after it (`delivered`, `pending`, `dead`).
    func finish(_ job: Job, _ outcome: JobOutcome, retrySeconds: Int, backoff: Backoff,
                on connection: PostgresConnection, logger: Logger) async throws -> String {
        let rows: PostgresRowSequence
        switch outcome {
        case .delivered(let status):
            rows = try await connection.query("""
                UPDATE \(unescaped: schema).jobs SET status = 'delivered', delivered_at = now(), lease_until = NULL,
                       last_status = \(status), last_error = NULL,
                       payload = CASE WHEN payload ? 'blankWhenDelivered' THEN jsonb_build_object('blanked', true) ELSE payload END
                WHERE id = \(job.id) RETURNING status
                """, logger: logger)
        case .retry(let status, let error):
            let delay = backoff.delayMilliseconds(afterAttempt: job.attempts)
            rows = try await connection.query("""
                UPDATE \(unescaped: schema).jobs
                SET status = CASE WHEN retry_from + \(retrySeconds)::float8 * interval '1 second' <= now() THEN 'dead' ELSE 'pending' END,
                    next_attempt_at = now() + \(delay)::float8 * interval '1 millisecond', lease_until = NULL,
                    last_status = \(status), last_error = \(String(error.prefix(500)))
                WHERE id = \(job.id) RETURNING status
                """, logger: logger)
        case .dead(let status, let error):
            rows = try await connection.query("""
                UPDATE \(unescaped: schema).jobs SET status = 'dead', lease_until = NULL, last_status = \(status),
                       last_error = \(String(error.prefix(500)))
                WHERE id = \(job.id) RETURNING status
                """, logger: logger)
        }
        for try await status in rows.decode(String.self) { return status }
        return "missing"
    }

    /// Puts dead-lettered jobs back in the queue with a fresh retry bound; the number replayed.
    func replayDead(kind: JobKind?, subject: String?, limit: Int, on connection: PostgresConnection, logger: Logger) async throws -> Int {
        let rows = try await connection.query("""
            UPDATE \(unescaped: schema).jobs SET status = 'pending', next_attempt_at = now(), retry_from = now(),
                   lease_until = NULL, attempts = 0
            WHERE id IN (SELECT id FROM \(unescaped: schema).jobs
                         WHERE status = 'dead' AND (\(kind?.rawValue)::text IS NULL OR kind = \(kind?.rawValue))
                           AND (\(subject)::text IS NULL OR subject = \(subject))
                         ORDER BY id LIMIT \(limit) FOR UPDATE)
            RETURNING id
            """, logger: logger)
        var count = 0
        for try await _ in rows { count += 1 }
        if count > 0 { try await connection.query("SELECT pg_notify(\(channel), '')", logger: logger) }
        return count
    }

    /// Dead-lettered jobs by kind.
    func deadCounts(on connection: PostgresConnection, logger: Logger) async throws -> [(String, Int)] {
        var counts: [(String, Int)] = []
        for try await (kind, count) in try await connection.query("""
            SELECT kind, count(*)::int FROM \(unescaped: schema).jobs WHERE status = 'dead' GROUP BY kind ORDER BY kind
            """, logger: logger).decode((String, Int).self) {
            counts.append((kind, count))
        }
        return counts
    }
}
