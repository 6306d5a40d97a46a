import Contracts
import Domain
import Foundation
import Logging
import ServiceKit
import ServiceLifecycle

/// Every `ONEGATE_SAMPLE_MS` (default a minute), hands the gateway's `PerformanceSample` to
/// reporting over RPC (the gateway has no database). Samples reporting could not take wait for the
/// next round, up to a bound; older ones are dropped and the gap shows in the report.
struct PerformanceShipper: Service {
    let sampler: PerformanceSampler
    let backend: Backend
    let interval: Duration
    let logger: Logger
    static let maximumPending = 240

    func run() async throws {
        await cancelWhenGracefulShutdown {
            var pending: [PerformanceSample] = []
            while !Task.isCancelled {
                do { try await Task.sleep(for: interval) } catch { break }
                pending.append(sampler.take(withResponses: true))
                pending = Array(pending.suffix(Self.maximumPending))
                do {
                    _ = try await backend.call(.reporting, "record-performance", PerformanceSamples(samples: pending),
                                               as: Empty.self, requestID: UUID().uuidString.lowercased())
                    pending.removeAll()
                } catch {
                    logger.warning("performance samples not handed over yet", metadata: ["pending": "\(pending.count)", "error": "\(error)"])
                }
            }
        }
    }
}
