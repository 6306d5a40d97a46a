import Domain
import Foundation
import HostStats
import Logging
import PostgresNIO
import ServiceKit
import ServiceLifecycle

/// Samples the database server for the Annex IV load criterion: CPU time and memory of the
/// PostgreSQL instance (its postmaster and every child, found from this connection's backend
/// process) and the number of server connections. CPU and memory need the server on this host;
/// for a remote server no database sample is recorded (its host's own monitoring applies).
struct DatabaseSampler: Sendable {
    let runtime: ServiceRuntime
    let store: PerformanceStore

    func run() async {
        await cancelWhenGracefulShutdown {
            let instance = "\(ProcessInfo.processInfo.hostName):postgres"
            var previous: [Int32: Double] = [:]
            var startedAt = Date()
            var warned = false
            while !Task.isCancelled {
                do { try await Task.sleep(for: runtime.sampleInterval) } catch { return }
                do {
                    let (backend, connections) = try await server()
                    let now = Date()
                    guard backend > 0, let postmaster = ProcessStats.of(pid: backend)?.parentID else {
                        if !warned { runtime.logger.notice("the database server is not on this host: no database samples") }
                        warned = true
                        continue
                    }
                    var cpu = 0.0, anonymous: Int64 = 0, shared: Int64 = 0
                    var current: [Int32: Double] = [:]
                    for pid in ProcessStats.children(of: postmaster) + [postmaster] {
                        guard let stats = ProcessStats.of(pid: pid) else { continue }
                        current[pid] = stats.cpuSeconds
                        // A process born during the interval used all its CPU time in it.
                        cpu += stats.cpuSeconds - (previous[pid] ?? 0)
                        anonymous += stats.anonymousBytes
                        shared = max(shared, stats.sharedBytes)
                    }
                    defer { previous = current; startedAt = now }
                    guard !previous.isEmpty else { continue }  // the first round only sets the baseline
                    let sample = PerformanceSample(service: "database", instance: instance, startedAt: startedAt, endedAt: now,
                                                   cpuSeconds: max(0, cpu), residentBytes: anonymous + shared, connections: connections)
                    try await runtime.database.withConnection { connection in
                        try await store.insert(sample, on: connection, logger: runtime.logger)
                    }
                } catch {
                    runtime.logger.warning("database sample not recorded", metadata: ["error": "\(error)"])
                }
            }
        }
    }

    /// This connection's backend process id and the server's connection count.
    func server() async throws -> (backend: Int32, connections: Int) {
        try await runtime.database.withConnection { connection in
            let rows = try await connection.query(
                "SELECT pg_backend_pid(), (SELECT sum(numbackends)::int FROM pg_stat_database)", logger: runtime.logger)
            for try await (pid, count) in rows.decode((Int32, Int32?).self) { return (pid, Int(count ?? 0)) }
            return (0, 0)
        }
    }
}
