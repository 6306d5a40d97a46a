import Foundation

/// The performance bars of `shared/spec/QUALITY.md`, checked against one run.
enum Targets {
    static func check(_ report: BenchReport, idleServices: [ProcessSampler.Figures]) -> [TargetCheck] {
        var checks: [TargetCheck] = []
        let submissions = report.scenarios.first { $0.name == "a. submissions" }
        if let submissions {
            let drained = report.drain?.drained ?? false
            checks.append(TargetCheck(
                what: "submissions accepted end-to-end", target: "≥ 1,000/s for 60 s, then received by processing and counted by reporting",
                measured: String(format: "%.0f/s for %.0f s; drained: %@", submissions.throughput, submissions.seconds,
                                 drained ? String(format: "yes, %.1f s after the load", report.drain?.seconds ?? 0) : "no"),
                met: submissions.throughput >= 1000 && submissions.seconds >= 59 && drained))
            checks.append(TargetCheck(
                what: "submission latency at that load", target: "p50 ≤ 10 ms, p99 ≤ 50 ms",
                measured: submissions.latencyMs.map { String(format: "p50 %.1f ms, p99 %.1f ms", $0.p50, $0.p99) } ?? "no successful submission",
                met: submissions.latencyMs.map { $0.p50 <= 10 && $0.p99 <= 50 }))
        }
        if let lookups = report.scenarios.first(where: { $0.name == "b. status lookups" }) {
            checks.append(TargetCheck(
                what: "status lookup by dossier code", target: "≥ 5,000/s, p99 ≤ 20 ms",
                measured: String(format: "%.0f/s, p99 %@", lookups.throughput, lookups.latencyMs.map { String(format: "%.1f ms", $0.p99) } ?? "–"),
                met: lookups.latencyMs.map { lookups.throughput >= 5000 && $0.p99 <= 20 }))
        }
        for name in ["h. search page", "i. status page"] {
            guard let pages = report.scenarios.first(where: { $0.name == name }) else { continue }
            checks.append(TargetCheck(
                what: "portal \(name.dropFirst(3)), \(report.settings["pageWorkers"] ?? "8") browsers", target: "p99 ≤ 20 ms (issue 15)",
                measured: String(format: "%.0f/s, p50 %@, p99 %@", pages.throughput,
                                 pages.latencyMs.map { String(format: "%.1f ms", $0.p50) } ?? "–",
                                 pages.latencyMs.map { String(format: "%.1f ms", $0.p99) } ?? "–"),
                met: pages.latencyMs.map { $0.p99 <= 20 }))
        }
        if let queue = report.scenarios.first(where: { $0.name == "j. work queue page" }) {
            let dossiers = Int(report.settings["queueDossiers"] ?? "") ?? 0
            let enough = dossiers >= 100_000
            checks.append(TargetCheck(
                what: "workspace queue page, \(report.settings["pageWorkers"] ?? "8") officers", target: "p99 ≤ 50 ms over ≥ 100,000 dossiers (issue 16)",
                measured: String(format: "%.0f/s, p50 %@, p99 %@ over %d dossiers%@", queue.throughput,
                                 queue.latencyMs.map { String(format: "%.1f ms", $0.p50) } ?? "–",
                                 queue.latencyMs.map { String(format: "%.1f ms", $0.p99) } ?? "–", dossiers,
                                 enough ? "" : " (too few to judge)"),
                met: enough ? queue.latencyMs.map { $0.p99 <= 50 } : nil))
        }
        if let webhooks = report.webhooks {
            let complete = webhooks.expected > 0 && webhooks.received == webhooks.expected
            checks.append(TargetCheck(
                what: "status change → partner webhook", target: "p99 ≤ 500 ms after the change commits",
                measured: webhooks.fromRequest.map {
                    String(format: "p99 ≤ %.0f ms (from the action's request), %d/%d delivered", $0.p99, webhooks.received, webhooks.expected)
                } ?? "\(webhooks.received)/\(webhooks.expected) delivered",
                met: webhooks.fromRequest.map { complete && $0.p99 <= 500 }))
        }
        if let reports = report.scenarios.first(where: { $0.name == "d. report (province-year)" }) {
            let dossiers = Int(report.settings["reportDossiers"] ?? "") ?? 0
            let enough = dossiers >= 1_000_000
            checks.append(TargetCheck(
                what: "statistical report, one province-year", target: "≤ 200 ms (over ≥ 1,000,000 dossiers)",
                measured: reports.latencyMs.map {
                    String(format: "p95 %.0f ms, max %.0f ms over %d dossiers%@", $0.p95, $0.max, dossiers,
                           enough ? "" : " (too few to judge)")
                } ?? "no answer",
                met: enough ? reports.latencyMs.map { $0.p95 <= 200 } : nil))
        }
        let idle = idleServices.compactMap { figure in figure.idleMiB.map { (figure.name, $0) } }
        if let largest = idle.max(by: { $0.1 < $1.1 }) {
            checks.append(TargetCheck(
                what: "memory of an idle service", target: "≤ 50 MiB RSS",
                measured: String(format: "largest before the load: %@ %.1f MiB", largest.0, largest.1),
                met: largest.1 <= 50))
        }
        if let ratio = report.ratio, let baseline = report.baseline {
            checks.append(TargetCheck(
                what: "efficiency against PostgreSQL alone", target: "submissions/s ≥ 50 % of pgbench tps at T commits each",
                measured: String(format: "%.1f %% (baseline %.0f/s at T = %d)", ratio * 100, baseline.tps, baseline.transactionsPerSubmission),
                met: ratio >= 0.5))
        }
        return checks
    }
}
