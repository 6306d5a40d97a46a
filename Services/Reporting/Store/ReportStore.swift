import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO

/// Reporting's schema: the event log and the read models derived from it.
struct ReportStore: Sendable {
    let schema: String

    /// Appends an event to the log; false when it is there already.
    func append(messageID: String, routingKey: String, type: String, subject: String?, sequence: Int64?, occurredAt: Date, body: Data,
                on connection: PostgresConnection, logger: Logger) async throws -> Bool {
        let rows = try await connection.query("""
            INSERT INTO \(unescaped: schema).event_log (message_id, routing_key, type, subject, sequence, occurred_at, body)
            VALUES (\(messageID), \(routingKey), \(type), \(subject), \(sequence), \(occurredAt), \(String(decoding: body, as: UTF8.self))::jsonb)
            ON CONFLICT (message_id) DO NOTHING RETURNING 1
            """, logger: logger)
        var appended = false
        for try await _ in rows { appended = true }
        return appended
    }

    /// Rows each agency's daily count is spread over (migration 0005), so concurrent consumers
    /// seldom wait for the same row lock.
    static let intakeCountShards = 16

    /// Counts one submission of `code` (its daily sequence picks the counter row).
    func countSubmission(code: String, agency: String, day: LocalDate, channel: SubmissionChannel,
                         on connection: PostgresConnection, logger: Logger) async throws {
        let shard = Int16((DossierCode(code)?.sequence ?? 0) % Self.intakeCountShards)
        try await connection.query("""
            INSERT INTO \(unescaped: schema).intake_counts AS c (agency_code, day, channel, shard, submitted)
            VALUES (\(agency), \(day.description)::date, \(channel.rawValue), \(shard), 1)
            ON CONFLICT (agency_code, day, channel, shard) DO UPDATE SET submitted = c.submitted + 1
            """, logger: logger)
    }

    func intakeCounts(agency: String?, on connection: PostgresConnection, logger: Logger) async throws -> IntakeCounts {
        var totals: [String: [SubmissionChannel: Int]] = [:]
        for try await (agencyCode, channel, count) in try await connection.query("""
            SELECT agency_code, channel, sum(submitted)::bigint FROM \(unescaped: schema).intake_counts
            WHERE \(agency)::text IS NULL OR agency_code = \(agency)::text
            GROUP BY agency_code, channel
            """, logger: logger).decode((String, String, Int64).self) {
            guard let channel = SubmissionChannel(rawValue: channel) else { continue }
            totals[agencyCode, default: [:]][channel] = Int(count)
        }
        let rows = totals.keys.sorted().map { code in
            let byChannel = totals[code] ?? [:]
            return IntakeCountRow(agencyCode: code, online: byChannel[.online] ?? 0, direct: byChannel[.direct] ?? 0,
                                  postal: byChannel[.postal] ?? 0)
        }
        return IntakeCounts(items: rows)
    }
}
