import ArgumentParser
import Foundation

/// `onegate-bench`: the load process of `scripts/bench`. Runs the scenarios of issue 8 against an
/// already started service set on loopback (the bench profile), prints one table and writes it
/// as JSON. Every loop is bounded in requests and in time. Exits 1 when the run had errors it
/// cannot explain (a scenario without a single success, more than 1 % failed requests, a lost
/// webhook, a failed baseline); a target not met is reported, not a failure.
@main
struct OnegateBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "onegate-bench",
        abstract: "Measures onegate's submissions, lookups, officer actions, portal pages, reports and webhooks against a pgbench baseline.")

    @Option(help: "The gateway.") var url = "http://127.0.0.1:28080"
    @Option(help: "Seconds of the submission scenario (a).") var duration = 60
    @Option(help: "Concurrent workers of scenarios a and b, and pgbench clients.") var concurrency = 32
    @Option(help: "Seconds of the status lookup scenario (b).") var lookupDuration = 20
    @Option(help: "Concurrent browsers reading the portal's search and status pages (h, i).") var pageWorkers = 8
    @Option(help: "Seconds of each page scenario (h, i).") var pageDuration = 10
    @Option(help: "Synthetic dossiers scripts/bench loaded into processing for the work queue page (j), for the record.") var queueDossiers = 0
    @Flag(help: "Also read each page without cookies, as first visits do (h, i).") var pagesWithoutCookies = false
    @Option(help: "Dossiers the officers take through the process (c).") var workflowDossiers = 100
    @Option(help: "Concurrent officers' desks in scenario c.") var workflowWorkers = 4
    @Option(help: "Upper bound of scenario c, in seconds.") var workflowTimeLimit = 180
    @Option(help: "Report queries (d).") var reportRepeats = 30
    @Option(help: "The report's year (default: this year).") var reportYear: Int?
    @Option(help: "The report's agency filter (default: every agency of province H62, admin.h62's scope).") var reportAgency: String?
    @Option(help: "Seconds of the pgbench baseline (default: --duration).") var baselineSeconds: Int?
    @Option(help: "Upper bound of requests per closed-loop scenario.") var maxRequests = 2_000_000
    @Option(help: "Longest wait for processing and reporting to catch up after scenario a, in seconds.") var drainTimeout = 120
    @Option(help: "Longest wait for the webhooks after scenario c, in seconds.") var webhookTimeout = 30
    @Option(help: "Port of the webhook receiver (loopback).") var webhookPort = 28090
    @Option(help: "Seconds to wait for PostgreSQL's statistics to be flushed before reading the commit counter.") var statsFlushSeconds = 11
    @Option(help: "The bench profile's data directory (run/*.pid, pg/, rabbitmq/, results/).") var dataDir = ".data/bench"
    @Option(help: "PostgreSQL's bin directory (psql, pgbench).") var pgBin = "/usr/lib/postgresql/15/bin"
    @Option(help: "PostgreSQL's port.") var pgPort = 54340
    @Option(help: "PostgreSQL's unix socket directory (default: <data-dir>/pg-socket).") var pgSocketDir: String?
    @Option(help: "The services' build configuration, for the record.") var buildConfig = "release"
    @Flag(help: "Marks the run as a smoke run (short; figures not meaningful).") var smoke = false

    func run() async throws {
        let report = try await BenchRun(settings: settings).run()
        print(ReportPrinter.render(report))
        let file = try report.write(to: URL(fileURLWithPath: dataDir).appendingPathComponent("results"))
        print("\nresults: \(file.path) (and latest.json beside it)")
        if !report.failures.isEmpty { throw ExitCode(1) }
    }

    var settings: BenchSettings {
        BenchSettings(url: url, duration: duration, concurrency: concurrency, lookupDuration: lookupDuration,
                      pageWorkers: pageWorkers, pageDuration: pageDuration, pagesWithoutCookies: pagesWithoutCookies,
                      queueDossiers: queueDossiers,
                      workflowDossiers: workflowDossiers, workflowWorkers: workflowWorkers, workflowTimeLimit: workflowTimeLimit,
                      reportRepeats: reportRepeats, reportYear: reportYear ?? BenchSettings.currentYearInVietnam(), reportAgency: reportAgency,
                      baselineSeconds: baselineSeconds ?? duration, maxRequests: maxRequests, drainTimeout: drainTimeout,
                      webhookTimeout: webhookTimeout, webhookPort: webhookPort, statsFlushSeconds: statsFlushSeconds, dataDir: dataDir,
                      pgBin: pgBin, pgPort: pgPort, pgSocketDir: pgSocketDir ?? "\(dataDir)/pg-socket", buildConfig: buildConfig, smoke: smoke)
    }
}

/// The command's options as plain values, for the run.
struct BenchSettings: Sendable {
    var url: String
    var duration: Int
    var concurrency: Int
    var lookupDuration: Int
    var pageWorkers: Int
    var pageDuration: Int
    var pagesWithoutCookies: Bool
    var queueDossiers: Int
    var workflowDossiers: Int
    var workflowWorkers: Int
    var workflowTimeLimit: Int
    var reportRepeats: Int
    var reportYear: Int
    var reportAgency: String?
    var baselineSeconds: Int
    var maxRequests: Int
    var drainTimeout: Int
    var webhookTimeout: Int
    var webhookPort: Int
    var statsFlushSeconds: Int
    var dataDir: String
    var pgBin: String
    var pgPort: Int
    var pgSocketDir: String
    var buildConfig: String
    var smoke: Bool

    static func currentYearInVietnam() -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 7 * 3600)!
        return calendar.component(.year, from: Date())
    }
}
