import Foundation
import Logging
import Metrics
import PostgresNIO
import ServiceKit
import ServiceLifecycle
import Synchronization

/// Runs the delivery queue: claims due jobs (up to the concurrency limit), performs each with its
/// kind's performer, records the outcome. Woken by `NOTIFY` when events queue work (from any
/// instance), by its own finished jobs (a lane's next change may go now), and by a poll for
/// retries that came due. On graceful shutdown it stops claiming and lets the jobs in flight end.
final class JobWorker: Sendable {
    let runtime: ServiceRuntime
    let store: JobStore
    let settings: IntegrationSettings
    let performers: [JobKind: any JobPerformer]
    let inFlight = Atomic<Int>(0)
    let wakeUp: AsyncStream<Void>.Continuation
    let wakeUps: AsyncStream<Void>
    let backoff: Backoff
    let leaseSeconds = 120

    init(runtime: ServiceRuntime, store: JobStore, settings: IntegrationSettings, performers: [JobKind: any JobPerformer]) {
        self.runtime = runtime
        self.store = store
        self.settings = settings
        self.performers = performers
        self.backoff = Backoff(initialMilliseconds: settings.backoffInitialMilliseconds,
                               maximumMilliseconds: settings.backoffMaximumMilliseconds)
        (wakeUps, wakeUp) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    func wake() { wakeUp.yield() }

    func run() async {
        await withDiscardingTaskGroup { group in
            group.addTask { await self.listen() }
            group.addTask { await self.tick() }
            await withGracefulShutdownHandler {
                await self.loop()
            } onGracefulShutdown: {
                self.wakeUp.finish()
            }
            group.cancelAll()
        }
    }

    private func loop() async {
        await withDiscardingTaskGroup { group in
            for await _ in wakeUps {
                do {
                    while true {
                        let free = settings.concurrency - inFlight.load(ordering: .relaxed)
                        guard free > 0 else { break }
                        let jobs = try await runtime.database.withConnection { connection in
                            try await store.claim(limit: free, leaseSeconds: leaseSeconds, gapSeconds: settings.sequenceGapSeconds,
                                                  on: connection, logger: runtime.logger)
                        }
                        for job in jobs {
                            inFlight.add(1, ordering: .relaxed)
                            group.addTask {
                                await self.run(job)
                                self.inFlight.subtract(1, ordering: .relaxed)
                                self.wake()
                            }
                        }
                        if jobs.count < free { break }
                    }
                } catch {
                    runtime.logger.warning("delivery claim failed; retrying", metadata: ["error": "\(String(reflecting: error))"])
                    try? await Task.sleep(for: .milliseconds(500))
                }
            }
        }
    }

    private func run(_ job: Job) async {
        var logger = runtime.logger
        logger[metadataKey: "job"] = "\(job.id)"
        logger[metadataKey: "kind"] = "\(job.kind.rawValue)"
        if let subject = job.subject { logger[metadataKey: "code"] = "\(subject)" }
        guard let performer = performers[job.kind] else {
            await record(job, .dead(status: nil, error: "no sender for \(job.kind.rawValue) is configured"), logger: logger)
            return
        }
        let outcome = await performer.perform(job, logger: logger)
        let status = await record(job, outcome, logger: logger)
        Counter(label: "onegate_integration_deliveries_total", dimensions: [("kind", job.kind.rawValue), ("status", status)]).increment()
        if status == "dead" {
            let reason: String
            switch outcome {
            case .retry(_, let error), .dead(_, let error): reason = error
            case .delivered: reason = ""
            }
            logger.error("delivery dead-lettered", metadata: ["reason": "\(reason)", "attempts": "\(job.attempts)"])
            await performer.deadLettered(job, reason: reason, logger: logger)
        }
    }

    @discardableResult
    private func record(_ job: Job, _ outcome: JobOutcome, logger: Logger) async -> String {
        for attempt in 1...5 {
            do {
                return try await runtime.database.withConnection { connection in
                    try await store.finish(job, outcome, retrySeconds: settings.retrySeconds(for: job.kind), backoff: backoff,
                                           on: connection, logger: logger)
                }
            } catch {
                // The lease runs out and the job is tried again: at-least-once, never lost.
                logger.warning("could not record a delivery outcome", metadata: ["error": "\(String(reflecting: error))"])
                try? await Task.sleep(for: .milliseconds(200 * attempt))
            }
        }
        return "unrecorded"
    }

    private func tick() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(settings.pollMilliseconds))
            wakeUp.yield()
        }
    }

    private func listen() async {
        while !Task.isCancelled {
            do {
                try await runtime.database.withConnection { connection in
                    try await connection.listen(on: store.channel) { notifications in
                        self.wakeUp.yield()
                        for try await _ in notifications { self.wakeUp.yield() }
                    }
                }
            } catch {
                if Task.isCancelled { return }
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }
}
