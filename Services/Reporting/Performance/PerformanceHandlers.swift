import Contracts
import Domain
import Foundation
import Logging
import Messaging
import PostgresNIO
import ServiceKit
import ServiceLifecycle

/// Keeps the performance samples every process sends and answers the Annex IV report.
struct PerformanceHandlers: Sendable {
    let runtime: ServiceRuntime
    let store: PerformanceStore

    /// `*.performance.sampled` from every service with an outbox.
    var subscription: EventSubscription {
        EventSubscription(queue: "reporting.performance-samples", routingKeys: [EventName.anyPerformanceSample]) { delivery, connection, logger in
            let envelope = try EventSubscription.decode(PerformanceSample.self, from: delivery)
            guard Self.isPlausible(envelope.data) else { throw PermanentFailure("implausible performance sample") }
            try await store.insert(envelope.data, on: connection, logger: logger)
        }
    }

    /// `record-performance`: the gateway's samples (it has no outbox); idempotent by sample id.
    func record(_ batch: PerformanceSamples, context: RPCContext) async throws -> Empty {
        guard batch.samples.count <= 1_000 else {
            throw Problem.validation([FieldError(field: "samples", message: "at most 1000 samples at once")])
        }
        let plausible = batch.samples.filter(Self.isPlausible)
        guard plausible.count == batch.samples.count else {
            throw Problem.validation([FieldError(field: "samples", message: "a sample has no service, a negative figure or ends before it starts")])
        }
        try await runtime.database.transaction(logger: context.logger) { connection in
            for sample in plausible { try await store.insert(sample, on: connection, logger: context.logger) }
        }
        return Empty()
    }

    static func isPlausible(_ sample: PerformanceSample) -> Bool {
        !sample.service.isEmpty && sample.service.count <= 64 && sample.instance.count <= 200
            && sample.endedAt >= sample.startedAt && sample.cpuSeconds >= 0 && sample.residentBytes >= 0
            && sample.serverErrors >= 0 && sample.peakInFlight >= 0 && sample.activeUsers >= 0
    }

    /// `performance`: the five criteria over the period, for administrators. A period reaching
    /// into the future ends now: time that has not happened is neither up nor down.
    func report(_ query: PerformanceQuery, context: RPCContext) async throws -> PerformanceReport {
        guard context.caller.isAuthenticated else { throw Problem.authenticationRequired }
        guard context.caller.holds(Role.administrator.rawValue) else {
            throw Problem(status: 403, title: "Forbidden", detail: "The performance report is for administrators.")
        }
        let to = min(query.to, Date())
        var errors: [FieldError] = []
        if query.from >= to { errors.append(FieldError(field: "from", message: "must be before to and before now")) }
        if to.timeIntervalSince(query.from) > Double(PerformanceQuery.maximumDays) * 86_400 {
            errors.append(FieldError(field: "to", message: "the period must be at most \(PerformanceQuery.maximumDays) days"))
        }
        if let step = query.stepSeconds, step < 1 || to.timeIntervalSince(query.from) / Double(step) > Double(PerformanceFigures.maximumPoints) {
            errors.append(FieldError(field: "step", message: "must give at most \(PerformanceFigures.maximumPoints) points over the period"))
        }
        guard errors.isEmpty else { throw Problem.validation(errors) }
        let (samples, probes) = try await runtime.database.withConnection { connection in
            (try await store.samples(from: query.from, to: to, on: connection, logger: context.logger),
             try await store.probes(from: query.from, to: to, on: connection, logger: context.logger))
        }
        return PerformanceFigures.report(samples: samples, probes: probes, from: query.from, to: to, stepSeconds: query.stepSeconds)
    }

    /// Daily: drops samples and probes older than `ONEGATE_PERFORMANCE_RETENTION_DAYS` (default 400).
    func purgeDaily() async {
        let days = max(1, runtime.environment.int("ONEGATE_PERFORMANCE_RETENTION_DAYS", default: 400))
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let removed = try await runtime.database.withConnection { connection in
                        try await store.purge(before: Date().addingTimeInterval(-Double(days) * 86_400), on: connection, logger: runtime.logger)
                    }
                    if removed > 0 { runtime.logger.info("old performance records removed", metadata: ["rows": "\(removed)"]) }
                } catch {
                    runtime.logger.warning("performance purge failed", metadata: ["error": "\(error)"])
                }
                do { try await Task.sleep(for: .seconds(86_400)) } catch { return }
            }
        }
    }
}
