import Foundation
import HostStats

/// One benchmark run: the scenarios in order, with the process sampler running throughout and
/// the commit counter read around the submissions.
struct BenchRun: Sendable {
    let settings: BenchSettings
    static let services = ["gateway", "identity", "catalog", "intake", "processing", "documents", "reporting", "integration"]

    private var postgres: PostgresBaseline {
        PostgresBaseline(bin: settings.pgBin, socketDirectory: settings.pgSocketDir, port: settings.pgPort)
    }

    private func sampler() -> ProcessSampler {
        let data = settings.dataDir
        var groups = Self.services.map { ProcessSampler.Group(name: $0, source: .pidFile("\(data)/run/\($0).pid")) }
        groups.append(ProcessSampler.Group(name: "postgres", source: .postgres("\(data)/pg/postmaster.pid")))
        groups.append(ProcessSampler.Group(name: "rabbitmq", source: .pidFile("\(data)/rabbitmq/rabbitmq.pid")))
        groups.append(ProcessSampler.Group(name: "onegate-bench", source: .current))
        groups.append(ProcessSampler.Group(name: "pgbench, psql", source: .children))
        groups.append(ProcessSampler.Group(name: "whole machine", source: .machine))
        return ProcessSampler(groups: groups)
    }

    func run() async throws -> BenchReport {
        let gateway = GatewayClient(baseURL: settings.url, connections: settings.concurrency + 4)
        do {
            let report = try await measure(gateway)
            await gateway.shutdown()
            return report
        } catch {
            await gateway.shutdown()
            throw error
        }
    }

    private func measure(_ gateway: GatewayClient) async throws -> BenchReport {
        let date = ISO8601DateFormatter().string(from: Date())
        let loadBefore = ProcessStats.loadAverage()
        try await waitUntilReady(gateway)
        let users = try await DemoUsers.signIn(gateway)
        let sampler = sampler()
        sampler.mark("start")
        let sampling = Task { await sampler.run() }
        defer { sampling.cancel() }

        var failures: [String] = []
        var scenarios: [ScenarioFigures] = []

        // a. Submissions, then the drain, then T from the commit counter.
        say("a. submissions: \(settings.concurrency) workers for \(settings.duration) s")
        let submission = SubmissionScenario(gateway: gateway, users: users)
        let before = try await submission.counts()
        let idleRate = try await idleCommitRate()
        let clock = ContinuousClock()
        let commitsBefore = try await postgres.totalCommits()
        let windowStart = clock.now
        sampler.mark("submissions-start")
        let submitted = try await submission.run(
            workers: settings.concurrency, duration: .seconds(settings.duration), maxRequests: settings.maxRequests,
            drainTimeout: .seconds(settings.drainTimeout), before: before, loadEnded: { sampler.mark("submissions-end") })
        sampler.mark("drain-end")
        scenarios.append(ScenarioFigures(name: "a. submissions", tally: submitted.loop.tally, seconds: submitted.loop.seconds))
        say("   \(submitted.receipts.count) accepted; drained: \(submitted.drain.drained ? "yes" : "no") in \(String(format: "%.1f", submitted.drain.seconds)) s; waiting \(settings.statsFlushSeconds) s for PostgreSQL's statistics")
        try await Task.sleep(for: .seconds(settings.statsFlushSeconds))
        let commits = try await postgres.totalCommits() - commitsBefore
        let window = (clock.now - windowStart).seconds
        let accepted = submitted.receipts.count
        let cost = accepted > 0 ? CommitCost(commits: commits, accepted: accepted, perSubmission: Double(commits) / Double(accepted),
                                             transactions: Int((Double(commits) / Double(accepted)).rounded(.up)),
                                             idleCommitsPerSecond: idleRate, windowSeconds: window,
                                             netPerSubmission: (Double(commits) - idleRate * window) / Double(accepted)) : nil
        if accepted == 0 { failures.append("no submission was accepted") }
        if !submitted.drain.drained { failures.append("processing/reporting did not catch up within \(settings.drainTimeout) s") }

        // b. Status lookups.
        if accepted > 0 {
            say("b. status lookups: \(settings.concurrency) workers for \(settings.lookupDuration) s")
            let lookups = try await LookupScenario(gateway: gateway).run(
                receipts: submitted.receipts, workers: settings.concurrency, duration: .seconds(settings.lookupDuration),
                maxRequests: settings.maxRequests)
            scenarios.append(ScenarioFigures(name: "b. status lookups", tally: lookups.tally, seconds: lookups.seconds))
            sampler.mark("lookups-end")
        }

        // c. Officers' actions, with e. the partner's webhook receiver subscribed meanwhile.
        var webhookResult: WebhookScenario.Result?
        if accepted > 0 {
            let receiver = WebhookReceiver(port: settings.webhookPort)
            let serving = try await receiver.start()
            let webhooks = WebhookScenario(gateway: gateway, users: users, receiver: receiver)
            let subscription = try await webhooks.subscribe()
            let codes = Array(submitted.receipts.prefix(settings.workflowDossiers).map(\.code))
            say("c. officer actions: \(codes.count) dossiers through receive … return-result, \(settings.workflowWorkers) desks")
            let workflow = await WorkflowScenario(gateway: gateway, users: users).run(
                codes: codes, workers: settings.workflowWorkers, timeLimit: .seconds(settings.workflowTimeLimit))
            var all = Tally()
            for action in workflow.actions {
                scenarios.append(ScenarioFigures(name: "c. \(action.name)", tally: action.tally, seconds: workflow.seconds))
                all.merge(action.tally)
            }
            scenarios.append(ScenarioFigures(name: "c. all officer actions", tally: all, seconds: workflow.seconds))
            if workflow.completed < codes.count {
                failures.append("only \(workflow.completed) of \(codes.count) dossiers went through the whole process")
            }
            say("e. webhooks: waiting for \(workflow.changes.count) status changes")
            let measured = await webhooks.measure(workflow.changes, timeout: .seconds(settings.webhookTimeout))
            webhookResult = measured
            if measured.received < measured.expected {
                failures.append("\(measured.expected - measured.received) of \(measured.expected) status changes did not reach the webhook within \(settings.webhookTimeout) s")
            }
            if !(await webhooks.unsubscribe(subscription)) { failures.append("could not delete the webhook subscription \(subscription)") }
            await serving.stop()
            sampler.mark("webhooks-end")
        }

        // h, i. The portal's search and status pages, as browsers read them (issue 15). The status
        // pages are those of the dossiers c took through the process: the whole history on the page.
        if accepted > 0 {
            let pages = PageScenario(gateway: gateway)
            let processed = Array(submitted.receipts.prefix(max(1, settings.workflowDossiers)))
            let variants = settings.pagesWithoutCookies ? [true, false] : [true]
            for (name, paths) in [("h. search page", PageScenario.searchPaths), ("i. status page", PageScenario.statusPaths(processed))] {
                for keepCookies in variants {
                    let label = keepCookies ? name : "\(name), no cookies"
                    say("\(label): \(settings.pageWorkers) browsers for \(settings.pageDuration) s")
                    let loop = try await pages.run(paths: paths, workers: settings.pageWorkers, duration: .seconds(settings.pageDuration),
                                                   maxRequests: settings.maxRequests, keepCookies: keepCookies)
                    scenarios.append(ScenarioFigures(name: label, tally: loop.tally, seconds: loop.seconds))
                }
            }
            sampler.mark("pages-end")
        }

        // j. The workspace's work queue over the synthetic cases scripts/bench loaded (issue 16),
        // read by `pageWorkers` officers signed in as desk, head, specialist and leader in turn.
        let sessions = (0..<settings.pageWorkers).map { users.token(PageScenario.queueOfficers[$0 % PageScenario.queueOfficers.count]) }
        say("j. work queue page over \(settings.queueDossiers) synthetic dossiers: \(settings.pageWorkers) officers for \(settings.pageDuration) s")
        let queue = try await PageScenario(gateway: gateway).run(paths: PageScenario.queuePaths, workers: settings.pageWorkers,
                                                                 duration: .seconds(settings.pageDuration),
                                                                 maxRequests: settings.maxRequests, sessions: sessions)
        scenarios.append(ScenarioFigures(name: "j. work queue page", tally: queue.tally, seconds: queue.seconds))
        sampler.mark("queue-end")

        // d. The report of one province-year.
        say("d. report: \(settings.reportRepeats) × summary \(settings.reportYear)")
        let reportDossiers = (try? await postgres.psql("""
            SELECT count(*) FROM reporting.dossiers WHERE submitted_at >= '\(settings.reportYear)-01-01T00:00:00+07'
              AND submitted_at < '\(settings.reportYear + 1)-01-01T00:00:00+07'
            """ + (settings.reportAgency.map { " AND agency_code = '\($0.filter { $0.isNumber || $0.isLetter || $0 == "." })'" } ?? ""),
            database: "onegate")) ?? "?"
        let reports = await ReportScenario(gateway: gateway, users: users).run(
            year: settings.reportYear, agency: settings.reportAgency, repeats: settings.reportRepeats, timeLimit: .seconds(120))
        scenarios.append(ScenarioFigures(name: "d. report (province-year)", tally: reports.tally, seconds: reports.seconds))
        sampler.mark("report-end")

        // f. PostgreSQL alone at the same T, clients and duration.
        var baseline: PostgresBaseline.Result?
        if let cost {
            say("f. baseline: pgbench, \(settings.concurrency) clients, \(settings.baselineSeconds) s, \(cost.transactions) commits per transaction")
            sampler.mark("baseline-start")
            do {
                baseline = try await postgres.run(transactions: cost.transactions, clients: settings.concurrency,
                                                  seconds: settings.baselineSeconds, threads: ProcessInfo.processInfo.activeProcessorCount)
            } catch {
                failures.append("baseline: \(error)")
            }
            sampler.mark("baseline-end")
        }
        sampler.mark("end")
        sampling.cancel()

        for figure in scenarios where figure.requests > 0 && figure.ok == 0 { failures.append("\(figure.name): no request succeeded") }
        for figure in scenarios where figure.requests > 0 && Double(figure.errors) > 0.01 * Double(figure.requests) {
            failures.append("\(figure.name): \(figure.errors) of \(figure.requests) requests failed")
        }
        let ours = scenarios.first { $0.name == "a. submissions" }?.throughput
        var report = BenchReport(
            date: date, buildConfiguration: settings.buildConfig, smoke: settings.smoke, hardware: .current(),
            settings: [
                "concurrency": "\(settings.concurrency)", "duration": "\(settings.duration)s", "lookupDuration": "\(settings.lookupDuration)s",
                "pageWorkers": "\(settings.pageWorkers)", "pageDuration": "\(settings.pageDuration)s",
                "queueDossiers": "\(settings.queueDossiers)",
                "workflowDossiers": "\(settings.workflowDossiers)", "workflowWorkers": "\(settings.workflowWorkers)",
                "reportRepeats": "\(settings.reportRepeats)", "reportYear": "\(settings.reportYear)",
                "reportAgency": settings.reportAgency ?? "all", "reportDossiers": reportDossiers,
                "baselineSeconds": "\(settings.baselineSeconds)s", "url": settings.url,
                "loadAverageBefore": loadBefore.map { String(format: "%.2f", $0) } ?? "?",
                "loadAverageAfter": ProcessStats.loadAverage().map { String(format: "%.2f", $0) } ?? "?",
            ],
            scenarios: scenarios, drain: submitted.drain, commitCost: cost, baseline: baseline,
            ratio: baseline.flatMap { base in ours.map { base.tps > 0 ? $0 / base.tps : 0 } },
            webhooks: webhookResult, targets: [],
            processes: sampler.figures(intervals: [("run", "start", "end"), ("submissions", "submissions-start", "submissions-end"),
                                                   ("drain", "submissions-end", "drain-end"), ("baseline", "baseline-start", "baseline-end")]),
            failures: failures)
        report.targets = Targets.check(report, idleServices: report.processes.filter { Self.services.contains($0.name) })
        return report
    }

    /// Commits per second while nothing is asked of the system. The statistics reach the counter
    /// late (up to ~10 s), but for a steady rate the lag is the same at both readings.
    private func idleCommitRate() async throws -> Double {
        let seconds = max(5, settings.statsFlushSeconds)
        let first = try await postgres.totalCommits()
        try await Task.sleep(for: .seconds(seconds))
        return Double(try await postgres.totalCommits() - first) / Double(seconds)
    }

    private func waitUntilReady(_ gateway: GatewayClient) async throws {
        for _ in 0..<120 {
            if await gateway.get("/ready").status == 200 { return }
            try await Task.sleep(for: .milliseconds(500))
        }
        throw BenchFailure("the gateway at \(settings.url) is not ready after 60 s")
    }

    private func say(_ line: String) {
        FileHandle.standardError.write(Data("bench: \(line)\n".utf8))
    }
}
