import Foundation

/// Plain-text tables for stdout: left-aligned first column, right-aligned numbers.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []
    /// Columns aligned left (the others right).
    var leftAligned: Set<Int> = [0]

    mutating func add(_ row: [String]) { rows.append(row) }

    var rendered: String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: max(0, widths[column] - cell.count))
                return leftAligned.contains(column) ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
    }
}

/// The report as printed: the run, the scenario table, the baseline, the targets, the processes.
enum ReportPrinter {
    static func format(_ value: Double?, _ pattern: String = "%.1f") -> String {
        value.map { String(format: pattern, $0) } ?? "–"
    }

    static func render(_ report: BenchReport) -> String {
        var out: [String] = []
        out.append("onegate benchmark, \(report.date) (UTC), build \(report.buildConfiguration)\(report.smoke ? ", SMOKE run (figures not meaningful)" : "")")
        out.append("machine: \(report.hardware.summary)")
        out.append("settings: " + report.settings.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
        out.append("")
        var scenarios = TextTable(header: ["scenario", "requests", "ok", "errors", "ok/s", "p50 ms", "p95 ms", "p99 ms", "max ms"])
        for figure in report.scenarios {
            scenarios.add([figure.name, "\(figure.requests)", "\(figure.ok)", "\(figure.errors)", format(figure.throughput),
                           format(figure.latencyMs?.p50), format(figure.latencyMs?.p95), format(figure.latencyMs?.p99),
                           format(figure.latencyMs?.max)])
        }
        out.append(scenarios.rendered)
        for figure in report.scenarios where !figure.errorsByReason.isEmpty {
            out.append("  errors of \(figure.name): " + figure.errorsByReason.sorted { $0.value > $1.value }.map { "\($0.key) ×\($0.value)" }.joined(separator: ", "))
        }
        out.append("")
        if let drain = report.drain {
            out.append(String(format: "drain after the submissions: drained: %@, %.1f s (processing %@ s, reporting %@ s; %d/%d seen, %d/%d counted)",
                              drain.drained ? "yes" : "no", drain.seconds, format(drain.processingSeconds), format(drain.reportingSeconds),
                              drain.processingSeen, drain.expected, drain.reportingCounted, drain.expected))
        }
        if let cost = report.commitCost {
            out.append(String(format: "T = %d commits per submission (%lld commits / %d accepted = %.2f; %@)",
                              cost.transactions, cost.commits, cost.accepted, cost.perSubmission, cost.note))
            if let idle = cost.idleCommitsPerSecond, let net = cost.netPerSubmission {
                out.append(String(format: "  the idle system commits %.1f/s; without that over the %.0f s window: %.2f per submission (information only)",
                                  idle, cost.windowSeconds, net))
            }
        }
        if let baseline = report.baseline {
            out.append(String(format: "baseline: PostgreSQL alone (pgbench, %d clients, %d s, %d × BEGIN; INSERT; COMMIT per transaction): %.1f submissions/s, latency avg %@ ms",
                              baseline.clients, baseline.seconds, baseline.transactionsPerSubmission, baseline.tps, format(baseline.latencyAverageMs)))
        }
        if let ratio = report.ratio {
            out.append(String(format: "ratio ours / baseline: %.3f (%.1f %%)", ratio, ratio * 100))
        }
        if let webhooks = report.webhooks {
            out.append(String(format: "webhooks: %d/%d status changes delivered (%d duplicates) after %.1f s; delay from the action's request p50/p99/max %@/%@/%@ ms, from its answer %@/%@/%@ ms",
                              webhooks.received, webhooks.expected, webhooks.duplicates, webhooks.waitedSeconds,
                              format(webhooks.fromRequest?.p50), format(webhooks.fromRequest?.p99), format(webhooks.fromRequest?.max),
                              format(webhooks.fromAnswer?.p50), format(webhooks.fromAnswer?.p99), format(webhooks.fromAnswer?.max)))
        }
        out.append("")
        var targets = TextTable(header: ["target (QUALITY.md)", "bar", "measured", "met"], leftAligned: [0, 1, 2])
        for check in report.targets {
            targets.add([check.what, check.target, check.measured, check.met.map { $0 ? "met" : "NOT met" } ?? "n/a"])
        }
        out.append(targets.rendered)
        out.append("")
        var processes = TextTable(header: ["process", "procs", "idle MiB", "peak MiB", "CPU s run", "CPU s submit", "cores submit", "CPU s drain",
                                          "CPU s baseline"])
        let submitSeconds = report.scenarios.first { $0.name == "a. submissions" }?.seconds ?? 0
        for figure in report.processes {
            let submit = figure.cpuSeconds["submissions"]
            processes.add([figure.name, "\(figure.processes)", format(figure.idleMiB), format(figure.peakMiB),
                           format(figure.cpuSeconds["run"]), format(submit),
                           format(submit.flatMap { submitSeconds > 0 ? $0 / submitSeconds : nil }, "%.2f"), format(figure.cpuSeconds["drain"]),
                           format(figure.cpuSeconds["baseline"])])
        }
        out.append(processes.rendered)
        out.append("(peak MiB: VmHWM since the process started; PostgreSQL: the highest Σ RssAnon + max RssShmem sampled, over the postmaster "
                   + "and its children; whole machine: busy CPU of all cores and memory in use; other work: the machine's CPU no row above accounts for)")
        if !report.failures.isEmpty {
            out.append("")
            out.append("FAILED: " + report.failures.joined(separator: "; "))
        }
        return out.joined(separator: "\n")
    }
}
