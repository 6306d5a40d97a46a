import Contracts
import Domain
import Foundation
import PostgresNIO
import Testing

extension Integration {
    /// The Annex IV report from what the running system recorded: samples every half second and
    /// health probes every quarter second, a simulated outage of one service, then of the monitor
    /// itself (reporting), with the figures checked against the recorded rows.
    @Suite struct PerformanceReportTests {
        static let overrides = ["ONEGATE_SAMPLE_MS": "500", "ONEGATE_PROBE_MS": "250"]

        @Test func theCriteriaComeFromRecordedSamplesAndProbesAcrossOutages() async throws {
            let cluster = try await ServiceCluster.start(overrides: Self.overrides)
            let desk = Desk(cluster)
            do {
                let from = Self.wholeSecond(Date())  // the wire carries whole seconds
                try await Task.sleep(for: .seconds(1))
                for _ in 0..<15 { _ = try await desk.get("/api/v1/procedures?pageSize=5", as: "citizen") }
                _ = try await desk.submit()

                // intake stops: the probes see the set not ready because of it.
                let intakeDown = Date()
                #expect(await cluster.halt("intake") == 0)
                let noticed = await eventually(timeout: .seconds(10)) { (try? await HTTP.request(.get, cluster.url("/ready")).status) == 503 }
                #expect(noticed)
                try await Task.sleep(for: .seconds(1.5))
                try cluster.launch("intake", as: "intake")
                #expect(await eventually(timeout: .seconds(30)) { (try? await HTTP.request(.get, cluster.url("/ready")).status) == 200 })
                let intakeUp = Date()
                try await Task.sleep(for: .seconds(1))

                // The monitor itself stops: nothing is probed meanwhile, which counts as unobserved.
                #expect(await cluster.halt("reporting") == 0)
                try await Task.sleep(for: .seconds(2))
                try cluster.launch("reporting", as: "reporting")
                #expect(await eventually(timeout: .seconds(30)) { (try? await HTTP.request(.get, cluster.url("/ready")).status) == 200 })
                try await Task.sleep(for: .seconds(1.5))
                let to = Self.wholeSecond(Date())
                try await Task.sleep(for: .seconds(1.5))  // the last samples of the period arrive

                let report = try await performance(desk, from: from, to: to, step: 1)

                // Criteria 1 and 2 equal what the recorded gateway samples add up to.
                let recorded = try await recordedResponses(from: from, to: to)
                #expect(report.responseTime.requests == recorded.requests)
                #expect(report.responseTime.requests >= 16)
                let average = try #require(report.responseTime.averageMilliseconds)
                #expect(abs(average - recorded.sum / Double(recorded.requests)) < 1e-6)
                #expect(report.responseTime.maxMilliseconds == recorded.max)
                #expect(try #require(report.responseTime.p99Milliseconds) <= recorded.max)
                #expect(average <= recorded.max)

                // Criterion 3: every process and the database server, with CPU and memory.
                let services = Set(report.processes.map(\.service))
                #expect(services.isSuperset(of: ServiceCluster.services + ["database"]), "\(services.sorted())")
                for load in report.processes {
                    #expect(load.peakResidentMiB > 0 && load.averageResidentMiB <= load.peakResidentMiB, "\(load)")
                    #expect(load.cpuSeconds >= 0 && load.averageCpuPercent <= load.peakCpuPercent + 1e-9, "\(load)")
                }
                let intake = try #require(report.processes.first { $0.service == "intake" })
                #expect(intake.instances == 2, "intake ran as two processes, one after the other")
                #expect(try #require(report.processes.first { $0.service == "database" }).peakConnections ?? 0 > 0)

                // Criterion 4.
                #expect(report.concurrency.peakActiveUsers >= 1)
                #expect(report.concurrency.peakInFlight >= 1)

                // Criterion 5: the outage of intake, named, and the monitor's own gap, unobserved.
                let outages = report.uptime.outages
                let intakeOutage = try #require(outages.first { $0.causes.contains("intake") && $0.to > intakeDown }, "\(outages)")
                #expect(intakeOutage.from >= intakeDown.addingTimeInterval(-1.5) && intakeOutage.to <= intakeUp.addingTimeInterval(1.5), "\(intakeOutage)")
                #expect(intakeOutage.seconds >= 1.5)
                let gap = try #require(outages.first { $0.causes.contains("unobserved") && $0.from > intakeUp }, "\(outages)")
                #expect(gap.seconds >= 1.5, "\(gap)")
                #expect(report.uptime.unobservedSeconds >= 1.5)
                #expect(report.uptime.downSeconds >= 1.5)
                let period = to.timeIntervalSince(from)
                #expect(abs(report.uptime.upSeconds + report.uptime.downSeconds + report.uptime.unobservedSeconds - period) < 1e-3)
                #expect(abs(report.uptime.percent - report.uptime.upSeconds / period * 100) < 1e-9)
                #expect(report.uptime.percent < 100 && report.uptime.percent > 0, "\(report.uptime)")
                #expect(report.uptime.probes > 10)

                // The chart series: one point per second, with the outage visible in it.
                #expect(report.series.count == Int(period.rounded(.up)))
                #expect(report.series.reduce(0) { $0 + $1.requests } == report.responseTime.requests)
                #expect(report.series.contains { ($0.uptimePercent ?? 100) < 100 })

                // Administrators only; parameters are checked.
                let officer = try await desk.get("/api/v1/reports/performance", as: "officer")
                #expect(officer.status == 403)
                #expect(try await HTTP.request(.get, cluster.url("/api/v1/reports/performance")).status == 401)
                let bad = try await desk.get("/api/v1/reports/performance?from=yesterday&step=0", as: "admin")
                #expect(bad.status == 400)
                let fields = ((bad.json?["errors"] as? [[String: Any]]) ?? []).compactMap { $0["field"] as? String }
                #expect(Set(fields) == ["from", "step"])
                let byDay = try await desk.get("/api/v1/reports/performance?from=2026-01-01&to=2026-01-01", as: "admin")
                #expect(byDay.status == 200)
            } catch {
                Issue.record(error)
            }
            let exits = await cluster.stop()
            for (service, code) in exits { #expect(code == 0, "\(service) exit \(String(describing: code))") }
        }

        static func wholeSecond(_ date: Date) -> Date { Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down)) }

        func performance(_ desk: Desk, from: Date, to: Date, step: Int) async throws -> PerformanceReport {
            let query = "from=\(WireJSON.format(from))&to=\(WireJSON.format(to))&step=\(step)"
                .replacingOccurrences(of: "+", with: "%2B")
            let response = try await desk.get("/api/v1/reports/performance?\(query)", as: "admin")
            #expect(response.status == 200, "\(String(decoding: response.body, as: UTF8.self))")
            return try WireJSON.decode(PerformanceReport.self, from: response.body)
        }

        /// The gateway's responses as recorded in reporting's rows for the period.
        func recordedResponses(from: Date, to: Date) async throws -> (requests: Int, sum: Double, max: Double) {
            try await withPostgres(role: "reporting") { client in
                let rows = try await client.query("""
                    SELECT latency_buckets, latency_sum_ms, latency_max_ms FROM reporting.performance_samples
                    WHERE service = 'gateway' AND ended_at > \(from) AND ended_at <= \(to)
                    """, logger: testLogger)
                var requests = 0, sum = 0.0, maximum = 0.0
                for try await (buckets, total, slowest) in rows.decode(([Int], Double, Double).self) {
                    requests += buckets.reduce(0, +)
                    sum += total
                    maximum = max(maximum, slowest)
                }
                return (requests, sum, maximum)
            }
        }
    }
}
