import Contracts
import Domain
import Foundation
import ServiceLifecycle
import Storage

extension ServiceEnvironment {
    /// How often each process, the gateway included, records a performance sample
    /// (`ONEGATE_SAMPLE_MS`, default one minute, at least 100 ms).
    public var performanceSampleInterval: Duration { .milliseconds(max(100, int("ONEGATE_SAMPLE_MS", default: 60_000))) }
}

extension ServiceRuntime {
    /// How often this process records a performance sample.
    public var sampleInterval: Duration { environment.performanceSampleInterval }

    /// Until graceful shutdown, writes this process's `PerformanceSample` through the outbox every
    /// `sampleInterval` (reporting keeps them for the Annex IV report). A sample that cannot be
    /// written is dropped: the gap then shows in the report rather than being made up.
    func recordPerformance() async {
        let sampler = PerformanceSampler(service: service.rawValue)
        let name = EventName.performanceSampled(by: service)
        await cancelWhenGracefulShutdown { [self] in
            while !Task.isCancelled {
                do { try await Task.sleep(for: sampleInterval) } catch { return }
                let sample = sampler.take(withResponses: false)
                do {
                    let message = try OutboxMessage.event(name, source: service, subject: sample.instance, sequence: nil,
                                                          payload: sample, correlationID: nil, at: sample.endedAt)
                    try await database.transaction(logger: logger) { connection in
                        try await outbox.enqueue([message], on: connection, logger: logger)
                    }
                } catch {
                    logger.warning("performance sample not recorded", metadata: ["error": "\(error)"])
                }
            }
        }
    }
}
