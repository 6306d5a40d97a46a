import Foundation

/// Computes a `PerformanceReport` from recorded samples and probes. A sample belongs to the period
/// (and to the chart step) its end falls in: `from < endedAt ≤ to`.
public enum PerformanceFigures {
    /// Step widths offered for the series, in seconds.
    public static let steps = [1, 5, 15, 60, 300, 900, 3_600, 10_800, 21_600, 86_400]
    /// The series never has more points than this.
    public static let maximumPoints = 500

    /// The smallest offered step giving at most 200 points over the period.
    public static func defaultStep(from: Date, to: Date) -> Int {
        let seconds = max(1, to.timeIntervalSince(from))
        return steps.first { seconds / Double($0) <= 200 } ?? steps[steps.count - 1]
    }

    public static func report(samples: [PerformanceSample], probes: [HealthProbe], from: Date, to: Date,
                              stepSeconds: Int? = nil) -> PerformanceReport {
        let step = max(1, stepSeconds ?? defaultStep(from: from, to: to))
        let inPeriod = samples.filter { $0.endedAt > from && $0.endedAt <= to }
        let timeline = UptimeTimeline(probes: probes, from: from, to: to)
        return PerformanceReport(from: from, to: to, stepSeconds: step,
                                 responseTime: responseTime(inPeriod),
                                 processes: processes(inPeriod),
                                 concurrency: concurrency(inPeriod),
                                 uptime: uptime(timeline, probes: probes.filter { $0.at >= from && $0.at < to }.count),
                                 series: series(inPeriod, timeline: timeline, step: step))
    }

    static func merged(_ samples: [PerformanceSample]) -> (LatencyHistogram, errors: Int) {
        var histogram = LatencyHistogram()
        var errors = 0
        for sample in samples {
            if let responses = sample.responses { histogram.merge(responses) }
            errors += sample.serverErrors
        }
        return (histogram, errors)
    }

    static func responseTime(_ samples: [PerformanceSample]) -> ResponseTimeFigures {
        let (histogram, errors) = merged(samples)
        return ResponseTimeFigures(requests: histogram.count, serverErrors: errors,
                                   averageMilliseconds: histogram.averageMilliseconds,
                                   p50Milliseconds: histogram.quantile(0.5), p95Milliseconds: histogram.quantile(0.95),
                                   p99Milliseconds: histogram.quantile(0.99),
                                   maxMilliseconds: histogram.count == 0 ? nil : histogram.maxMilliseconds)
    }

    static func mebibytes(_ bytes: Int64) -> Double { Double(bytes) / 1_048_576 }

    /// CPU seconds over the wall time the samples cover (overlapping instances count once, so
    /// two busy instances at once read 200 %, and two in turn read their mean).
    static func cpuPercent(_ samples: [PerformanceSample]) -> Double {
        let wall = coveredSeconds(samples)
        return wall > 0 ? samples.reduce(0) { $0 + $1.cpuSeconds } / wall * 100 : 0
    }

    /// The length of the union of the samples' intervals.
    static func coveredSeconds(_ samples: [PerformanceSample]) -> Double {
        var total = 0.0
        var current: (start: Date, end: Date)?
        for sample in samples.sorted(by: { $0.startedAt < $1.startedAt }) {
            if let open = current, sample.startedAt <= open.end {
                current = (open.start, max(open.end, sample.endedAt))
            } else {
                if let open = current { total += open.end.timeIntervalSince(open.start) }
                current = (sample.startedAt, sample.endedAt)
            }
        }
        if let open = current { total += open.end.timeIntervalSince(open.start) }
        return total
    }

    static func processes(_ samples: [PerformanceSample]) -> [ProcessLoad] {
        Dictionary(grouping: samples, by: \.service).map { service, samples in
            let connections = samples.compactMap(\.connections)
            return ProcessLoad(
                service: service, instances: Set(samples.map(\.instance)).count, samples: samples.count,
                cpuSeconds: samples.reduce(0) { $0 + $1.cpuSeconds },
                averageCpuPercent: cpuPercent(samples),
                peakCpuPercent: samples.map { $0.seconds > 0 ? $0.cpuSeconds / $0.seconds * 100 : 0 }.max() ?? 0,
                averageResidentMiB: mebibytes(samples.reduce(0) { $0 + $1.residentBytes }) / Double(samples.count),
                peakResidentMiB: mebibytes(samples.map(\.residentBytes).max() ?? 0),
                peakConnections: connections.max())
        }.sorted { $0.service < $1.service }
    }

    static func concurrency(_ samples: [PerformanceSample]) -> ConcurrencyFigures {
        let gateway = samples.filter { $0.responses != nil }
        let inFlight = gateway.max { ($0.peakInFlight, $1.endedAt) < ($1.peakInFlight, $0.endedAt) }
        let users = gateway.max { ($0.activeUsers, $1.endedAt) < ($1.activeUsers, $0.endedAt) }
        return ConcurrencyFigures(peakInFlight: inFlight?.peakInFlight ?? 0, peakInFlightAt: inFlight?.endedAt,
                                  peakActiveUsers: users?.activeUsers ?? 0, peakActiveUsersAt: users?.endedAt)
    }

    static func uptime(_ timeline: UptimeTimeline, probes: Int) -> UptimeFigures {
        let total = timeline.to.timeIntervalSince(timeline.from)
        let up = timeline.seconds { $0 == .up }
        let unobserved = timeline.seconds { $0 == .unobserved }
        return UptimeFigures(percent: total > 0 ? up / total * 100 : 100, upSeconds: up,
                             downSeconds: max(0, total - up - unobserved), unobservedSeconds: unobserved,
                             probes: probes, outages: timeline.outages)
    }

    static func series(_ samples: [PerformanceSample], timeline: UptimeTimeline, step: Int) -> [PerformancePoint] {
        let from = timeline.from, to = timeline.to
        let span = to.timeIntervalSince(from)
        guard span > 0 else { return [] }
        let count = min(maximumPoints, Int((span / Double(step)).rounded(.up)))
        let width = Double(step)
        let buckets = Dictionary(grouping: samples) { sample in
            min(count - 1, max(0, Int((sample.endedAt.timeIntervalSince(from) - 0.000_001) / width)))
        }
        return (0..<count).map { index in
            let start = from.addingTimeInterval(Double(index) * width)
            let end = min(to, start.addingTimeInterval(width))
            let samples = buckets[index] ?? []
            let (histogram, _) = merged(samples)
            let gateway = Dictionary(grouping: samples.filter { $0.responses != nil }, by: \.instance).values
            var cpu: [String: Double] = [:], memory: [String: Double] = [:]
            for (service, serviceSamples) in Dictionary(grouping: samples, by: \.service) {
                cpu[service] = cpuPercent(serviceSamples)
                memory[service] = Dictionary(grouping: serviceSamples, by: \.instance).values
                    .reduce(0) { $0 + mebibytes($1.map(\.residentBytes).max() ?? 0) }
            }
            let length = end.timeIntervalSince(start)
            return PerformancePoint(
                start: start, requests: histogram.count, averageMilliseconds: histogram.averageMilliseconds,
                p99Milliseconds: histogram.quantile(0.99), maxMilliseconds: histogram.count == 0 ? nil : histogram.maxMilliseconds,
                peakInFlight: gateway.reduce(0) { $0 + ($1.map(\.peakInFlight).max() ?? 0) },
                activeUsers: gateway.reduce(0) { $0 + ($1.map(\.activeUsers).max() ?? 0) },
                cpuPercent: cpu, residentMiB: memory,
                uptimePercent: length > 0 ? timeline.seconds({ $0 == .up }, within: start..<end) / length * 100 : nil)
        }
    }
}
