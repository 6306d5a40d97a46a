import Domain
import Foundation
import Testing

@Suite struct PerformanceFiguresTests {
    static let t0 = Date(timeIntervalSince1970: 1_790_000_000)
    static func t(_ seconds: Double) -> Date { t0.addingTimeInterval(seconds) }

    static func histogram(_ milliseconds: [Double]) -> LatencyHistogram {
        var histogram = LatencyHistogram()
        for value in milliseconds { histogram.record(milliseconds: value) }
        return histogram
    }

    static func gateway(_ start: Double, _ end: Double, instance: String = "gw-1", responses: [Double],
                        errors: Int = 0, inFlight: Int = 0, users: Int = 0, cpu: Double = 0, mib: Int64 = 40) -> PerformanceSample {
        PerformanceSample(service: "gateway", instance: instance, startedAt: t(start), endedAt: t(end), cpuSeconds: cpu,
                          residentBytes: mib << 20, responses: histogram(responses), serverErrors: errors,
                          peakInFlight: inFlight, activeUsers: users)
    }

    static func process(_ service: String, _ start: Double, _ end: Double, instance: String? = nil, cpu: Double, mib: Int64,
                        connections: Int? = nil) -> PerformanceSample {
        PerformanceSample(service: service, instance: instance ?? "\(service)-1", startedAt: t(start), endedAt: t(end),
                          cpuSeconds: cpu, residentBytes: mib << 20, connections: connections)
    }

    // MARK: histogram

    @Test func aHistogramKeepsExactCountSumAndMaximum() {
        let histogram = Self.histogram([1, 2, 3, 4, 90])
        #expect(histogram.count == 5)
        #expect(histogram.averageMilliseconds == 20)
        #expect(histogram.maxMilliseconds == 90)
        #expect(histogram.quantile(0.5) == 3)     // the third value lies in the ≤ 3 ms bucket
        #expect(histogram.quantile(0.8) == 5)     // 4 ms lies in the ≤ 5 ms bucket
        #expect(histogram.quantile(0.99) == 90)   // the ≤ 100 ms bucket, capped at the maximum seen
        #expect(LatencyHistogram().quantile(0.99) == nil)
        #expect(LatencyHistogram().averageMilliseconds == nil)
    }

    @Test func aPercentileIsNeverBelowTheTrueValue() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let values = (0..<Int.random(in: 1...300, using: &generator)).map { _ in Double.random(in: 0...40_000, using: &generator) }
            let histogram = Self.histogram(values)
            let sorted = values.sorted()
            for q in [0.5, 0.95, 0.99] {
                let exact = sorted[max(0, Int((q * Double(values.count)).rounded(.up)) - 1)]
                let read = try! #require(histogram.quantile(q))
                #expect(read >= exact)
                #expect(read <= histogram.maxMilliseconds)
            }
        }
    }

    @Test func mergingHistogramsEqualsRecordingEverything() {
        var left = Self.histogram([1, 7, 300])
        left.merge(Self.histogram([0.2, 45_000]))
        #expect(left == Self.histogram([1, 7, 300, 0.2, 45_000]))
        #expect(LatencyHistogram(counts: left.counts, sumMilliseconds: left.sumMilliseconds, maxMilliseconds: left.maxMilliseconds) == left)
        #expect(LatencyHistogram(counts: [1, 2], sumMilliseconds: 1, maxMilliseconds: 1) == nil)
    }

    // MARK: response time, load, concurrency

    @Test func responseTimesAreAveragedOverEveryRequestNotPerSample() {
        let samples = [
            Self.gateway(0, 60, responses: [10, 10, 10, 10], errors: 1),
            Self.gateway(60, 120, responses: [100]),
            Self.gateway(60, 120, instance: "gw-2", responses: [20, 2_500]),
        ]
        let report = PerformanceFigures.report(samples: samples, probes: [], from: Self.t(0), to: Self.t(120))
        #expect(report.responseTime.requests == 7)
        #expect(report.responseTime.serverErrors == 1)
        #expect(report.responseTime.averageMilliseconds == (40 + 100 + 20 + 2_500) / 7.0)  // 380, not the mean of sample means
        #expect(report.responseTime.maxMilliseconds == 2_500)
        #expect(report.responseTime.p50Milliseconds == 10)
        #expect(report.responseTime.p99Milliseconds == 2_500)
    }

    @Test func aSampleBelongsToThePeriodItsEndFallsIn() {
        let samples = [
            Self.gateway(-60, 0, responses: [999]),     // ends exactly at `from`: before the period
            Self.gateway(0, 60, responses: [5]),
            Self.gateway(60, 120, responses: [7]),      // ends exactly at `to`: inside
            Self.gateway(120, 180, responses: [999]),
        ]
        let report = PerformanceFigures.report(samples: samples, probes: [], from: Self.t(0), to: Self.t(120))
        #expect(report.responseTime.requests == 2)
        #expect(report.responseTime.maxMilliseconds == 7)
    }

    @Test func loadIsReportedPerServiceWithAveragesAndPeaks() throws {
        let samples = [
            Self.process("intake", 0, 60, cpu: 6, mib: 30),        // 10 %
            Self.process("intake", 60, 120, cpu: 30, mib: 50),     // 50 %
            Self.process("intake", 0, 60, instance: "intake-2", cpu: 12, mib: 20),   // 20 %
            Self.process("intake", 60, 120, instance: "intake-2", cpu: 12, mib: 20), // 20 %
            Self.process("database", 0, 60, cpu: 60, mib: 300, connections: 12),
            Self.process("database", 60, 120, cpu: 90, mib: 310, connections: 31),
        ]
        let report = PerformanceFigures.report(samples: samples, probes: [], from: Self.t(0), to: Self.t(120))
        #expect(report.processes.map(\.service) == ["database", "intake"])
        let intake = try #require(report.processes.last)
        #expect(intake.instances == 2)
        #expect(intake.samples == 4)
        #expect(intake.cpuSeconds == 60)
        #expect(intake.averageCpuPercent == 50)       // 60 CPU-seconds over 120 s of two instances: half a core
        #expect(intake.peakCpuPercent == 50)
        #expect(intake.averageResidentMiB == 30)
        #expect(intake.peakResidentMiB == 50)
        #expect(intake.peakConnections == nil)
        let database = try #require(report.processes.first)
        #expect(database.averageCpuPercent == 125)    // 150 CPU-seconds in 120 s: one and a quarter cores
        #expect(database.peakCpuPercent == 150)
        #expect(database.averageResidentMiB == 305)
        #expect(database.peakConnections == 31)
    }

    @Test func concurrencyIsThePeakOfAnyInterval() {
        let samples = [
            Self.gateway(0, 60, responses: [1], inFlight: 12, users: 40),
            Self.gateway(60, 120, responses: [1], inFlight: 30, users: 25),
            Self.process("intake", 0, 60, cpu: 1, mib: 10),
        ]
        let report = PerformanceFigures.report(samples: samples, probes: [], from: Self.t(0), to: Self.t(120))
        #expect(report.concurrency.peakInFlight == 30)
        #expect(report.concurrency.peakInFlightAt == Self.t(120))
        #expect(report.concurrency.peakActiveUsers == 40)
        #expect(report.concurrency.peakActiveUsersAt == Self.t(60))
    }

    // MARK: uptime

    static func probes(every interval: Double, from start: Double, to end: Double, up: Bool = true, failing: [String] = []) -> [HealthProbe] {
        stride(from: start, to: end, by: interval).map { HealthProbe(at: t($0), intervalSeconds: interval, up: up, failing: failing) }
    }

    @Test func probesEveryIntervalMeanFullUptime() {
        let report = PerformanceFigures.report(samples: [], probes: Self.probes(every: 15, from: 0, to: 3_600),
                                               from: Self.t(0), to: Self.t(3_600))
        #expect(report.uptime.percent == 100)
        #expect(report.uptime.upSeconds == 3_600)
        #expect(report.uptime.outages.isEmpty)
        #expect(report.uptime.probes == 240)
    }

    @Test func aFailedProbeIsAnOutageNamingWhatFailed() throws {
        // Up for 10 minutes, intake not ready for 2 minutes (8 probes), up again for 48 minutes.
        let probes = Self.probes(every: 15, from: 0, to: 600)
            + Self.probes(every: 15, from: 600, to: 720, up: false, failing: ["intake"])
            + Self.probes(every: 15, from: 720, to: 3_600)
        let report = PerformanceFigures.report(samples: [], probes: probes, from: Self.t(0), to: Self.t(3_600))
        #expect(report.uptime.downSeconds == 120)
        #expect(report.uptime.unobservedSeconds == 0)
        #expect(abs(report.uptime.percent - 3_480.0 / 3_600 * 100) < 1e-9)
        let outage = try #require(report.uptime.outages.first)
        #expect(report.uptime.outages.count == 1)
        #expect(outage.from == Self.t(600))
        #expect(outage.to == Self.t(720))
        #expect(outage.seconds == 120)
        #expect(outage.causes == ["intake"])
    }

    @Test func timeWithoutProbesCountsAgainstUptimeAsUnobserved() throws {
        // The whole set (monitor included) was down from 900 s to 1,500 s: no probes at all; then
        // the broker was not ready for the first probe after the restart.
        let probes = Self.probes(every: 15, from: 0, to: 900)
            + [HealthProbe(at: Self.t(1_500), intervalSeconds: 15, up: false, failing: ["broker", "gateway"])]
            + Self.probes(every: 15, from: 1_515, to: 3_600)
        let report = PerformanceFigures.report(samples: [], probes: probes, from: Self.t(0), to: Self.t(3_600))
        // The last probe before the gap (at 885 s) speaks for 15 s × 1.5 = 22.5 s, until 907.5 s.
        #expect(report.uptime.unobservedSeconds == 1_500 - 907.5)
        #expect(report.uptime.downSeconds == 15)
        #expect(report.uptime.upSeconds == 907.5 + (3_600 - 1_515))
        #expect(report.uptime.outages.count == 1)
        let outage = try #require(report.uptime.outages.first)
        #expect(outage.from == Self.t(907.5))
        #expect(outage.to == Self.t(1_515))
        #expect(outage.causes == ["broker", "gateway", "unobserved"])
    }

    @Test func aSlightlyLateProbeLeavesNoGap() {
        let probes = [0.0, 15, 31, 46, 60].map { HealthProbe(at: Self.t($0), intervalSeconds: 15, up: true) }
        let report = PerformanceFigures.report(samples: [], probes: probes, from: Self.t(0), to: Self.t(75))
        #expect(report.uptime.percent == 100)
    }

    @Test func aPeriodBeforeAnyProbeIsUnobserved() {
        let report = PerformanceFigures.report(samples: [], probes: [], from: Self.t(0), to: Self.t(60))
        #expect(report.uptime.percent == 0)
        #expect(report.uptime.unobservedSeconds == 60)
        #expect(report.uptime.outages == [Outage(from: Self.t(0), to: Self.t(60), seconds: 60, causes: ["unobserved"])])
    }

    @Test func aProbeJustBeforeThePeriodSpeaksForItsStart() {
        let probes = [HealthProbe(at: Self.t(-10), intervalSeconds: 15, up: true)] + Self.probes(every: 15, from: 5, to: 60)
        let report = PerformanceFigures.report(samples: [], probes: probes, from: Self.t(0), to: Self.t(60))
        #expect(report.uptime.percent == 100)
        #expect(report.uptime.probes == 4)
    }

    // MARK: series

    @Test func theSeriesSplitsThePeriodIntoSteps() throws {
        let samples = [
            Self.gateway(0, 60, responses: [10, 30], inFlight: 3, users: 2, cpu: 6, mib: 40),
            Self.gateway(0, 60, instance: "gw-2", responses: [20], inFlight: 4, users: 1, cpu: 3, mib: 45),
            Self.gateway(60, 120, responses: [5], cpu: 12, mib: 42),
        ]
        let probes = Self.probes(every: 30, from: 0, to: 90) + [HealthProbe(at: Self.t(90), intervalSeconds: 30, up: false, failing: ["intake"])]
        let report = PerformanceFigures.report(samples: samples, probes: probes, from: Self.t(0), to: Self.t(120), stepSeconds: 60)
        #expect(report.series.count == 2)
        let first = report.series[0], second = report.series[1]
        #expect(first.start == Self.t(0))
        #expect(first.requests == 3)
        #expect(first.averageMilliseconds == 20)
        #expect(first.maxMilliseconds == 30)
        #expect(first.peakInFlight == 7)
        #expect(first.activeUsers == 3)
        #expect(first.cpuPercent["gateway"] == 15)       // 9 CPU-seconds over 60 s of two instances
        #expect(first.residentMiB["gateway"] == 85)
        #expect(first.uptimePercent == 100)
        #expect(second.requests == 1)
        #expect(second.uptimePercent == 50)
        #expect(PerformanceFigures.defaultStep(from: Self.t(0), to: Self.t(86_400)) == 900)
        #expect(PerformanceFigures.defaultStep(from: Self.t(0), to: Self.t(60)) == 1)
    }
}
