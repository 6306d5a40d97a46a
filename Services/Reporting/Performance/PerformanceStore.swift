import Domain
import Foundation
import Logging
import PostgresNIO

/// `reporting.performance_samples` and `reporting.health_probes`: what the system recorded about
/// its own performance and availability.
struct PerformanceStore: Sendable {
    let schema: String

    /// Stores `sample` once (a repeated id is ignored).
    func insert(_ sample: PerformanceSample, on connection: PostgresConnection, logger: Logger) async throws {
        let responses = sample.responses
        try await connection.query("""
            INSERT INTO \(unescaped: schema).performance_samples
                (id, service, instance, started_at, ended_at, cpu_seconds, resident_bytes, latency_buckets,
                 latency_sum_ms, latency_max_ms, server_errors, peak_in_flight, active_users, connections)
            VALUES (\(sample.id), \(sample.service), \(sample.instance), \(sample.startedAt), \(sample.endedAt),
                    \(max(0, sample.cpuSeconds)), \(max(0, sample.residentBytes)), \(responses?.counts),
                    \(responses?.sumMilliseconds), \(responses?.maxMilliseconds), \(sample.serverErrors),
                    \(sample.peakInFlight), \(sample.activeUsers), \(sample.connections))
            ON CONFLICT (id) DO NOTHING
            """, logger: logger)
    }

    func insert(_ probe: HealthProbe, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("""
            INSERT INTO \(unescaped: schema).health_probes (at, interval_seconds, up, failing)
            VALUES (\(probe.at), \(probe.intervalSeconds), \(probe.up), \(probe.failing))
            """, logger: logger)
    }

    /// The samples ending in `from < ended_at ≤ to`.
    func samples(from: Date, to: Date, on connection: PostgresConnection, logger: Logger) async throws -> [PerformanceSample] {
        let rows = try await connection.query("""
            SELECT id, service, instance, started_at, ended_at, cpu_seconds, resident_bytes, latency_buckets,
                   latency_sum_ms, latency_max_ms, server_errors, peak_in_flight, active_users, connections
            FROM \(unescaped: schema).performance_samples
            WHERE ended_at > \(from) AND ended_at <= \(to)
            """, logger: logger)
        var samples: [PerformanceSample] = []
        for try await (id, service, instance, startedAt, endedAt, cpu, resident, buckets, sum, maximum, errors, inFlight, users, connections)
            in rows.decode((UUID, String, String, Date, Date, Double, Int64, [Int]?, Double?, Double?, Int32, Int32, Int32, Int32?).self) {
            let responses = buckets.flatMap { LatencyHistogram(counts: $0, sumMilliseconds: sum ?? 0, maxMilliseconds: maximum ?? 0) }
            samples.append(PerformanceSample(id: id, service: service, instance: instance, startedAt: startedAt, endedAt: endedAt,
                                             cpuSeconds: cpu, residentBytes: resident, responses: responses,
                                             serverErrors: Int(errors), peakInFlight: Int(inFlight), activeUsers: Int(users),
                                             connections: connections.map(Int.init)))
        }
        return samples
    }

    /// The probes that can speak for `from..<to`: those inside it and the last one before it.
    func probes(from: Date, to: Date, on connection: PostgresConnection, logger: Logger) async throws -> [HealthProbe] {
        let rows = try await connection.query("""
            (SELECT at, interval_seconds, up, failing FROM \(unescaped: schema).health_probes
             WHERE at < \(from) ORDER BY at DESC LIMIT 1)
            UNION ALL
            (SELECT at, interval_seconds, up, failing FROM \(unescaped: schema).health_probes
             WHERE at >= \(from) AND at < \(to))
            """, logger: logger)
        var probes: [HealthProbe] = []
        for try await (at, interval, up, failing) in rows.decode((Date, Double, Bool, [String]).self) {
            probes.append(HealthProbe(at: at, intervalSeconds: interval, up: up, failing: failing))
        }
        return probes
    }

    /// Removes samples and probes older than `cutoff`; the number of rows removed.
    func purge(before cutoff: Date, on connection: PostgresConnection, logger: Logger) async throws -> Int {
        var removed = 0
        for (table, column) in [("performance_samples", "ended_at"), ("health_probes", "at")] {
            let rows = try await connection.query("""
                WITH gone AS (DELETE FROM \(unescaped: schema).\(unescaped: table) WHERE \(unescaped: column) < \(cutoff) RETURNING 1)
                SELECT count(*) FROM gone
                """, logger: logger)
            for try await count in rows.decode(Int.self) { removed += count }
        }
        return removed
    }
}
