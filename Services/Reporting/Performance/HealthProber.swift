import Domain
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Logging
import ServiceKit
import ServiceLifecycle

/// Probes the whole service set as a user would, by asking the gateway's `/ready` (which asks
/// every service and the broker), and records each probe in reporting's own table, so uptime
/// is measured by the system itself and survives restarts. A probe that cannot be recorded
/// (reporting's database down) leaves a gap, which the report counts as unobserved.
struct HealthProber: Sendable {
    let runtime: ServiceRuntime
    let store: PerformanceStore
    let url: URL
    let interval: Duration

    /// What `/ready` answers.
    struct ReadyReport: Decodable {
        var broker: Bool
        var services: [String: Bool]
    }

    init(runtime: ServiceRuntime, store: PerformanceStore) {
        self.runtime = runtime
        self.store = store
        let port = runtime.environment.int("ONEGATE_HTTP_PORT", default: 8080)
        let configured = runtime.environment.string("ONEGATE_PROBE_URL", default: "http://127.0.0.1:\(port)/ready")
        self.url = URL(string: configured) ?? URL(string: "http://127.0.0.1:\(port)/ready")!
        self.interval = .milliseconds(max(100, runtime.environment.int("ONEGATE_PROBE_MS", default: 15_000)))
    }

    func run() async {
        let seconds = Double(interval.components.seconds) + Double(interval.components.attoseconds) / 1e18
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                let at = Date()
                // `/ready` waits up to 2 s for each service; a slow answer speaks until the next probe.
                let failing = await probe(timeout: 5)
                let elapsed = Date().timeIntervalSince(at)
                let result = HealthProbe(at: at, intervalSeconds: max(seconds, elapsed), up: failing.isEmpty, failing: failing)
                do {
                    try await runtime.database.withConnection { connection in
                        try await store.insert(result, on: connection, logger: runtime.logger)
                    }
                } catch {
                    runtime.logger.warning("health probe not recorded", metadata: ["error": "\(error)"])
                }
                let next = at.addingTimeInterval(seconds).timeIntervalSinceNow
                do { try await Task.sleep(for: .milliseconds(Int(max(0, next) * 1_000))) } catch { return }
            }
        }
    }

    /// What is not ready: nothing when the gateway says ready; `gateway` when it does not answer.
    func probe(timeout: Double) async -> [String] {
        var request = URLRequest(url: url)
        request.timeoutInterval = timeout
        request.cachePolicy = .reloadIgnoringLocalCacheData
        guard let (body, response) = try? await URLSession.shared.data(for: request),
              let status = (response as? HTTPURLResponse)?.statusCode else { return ["gateway"] }
        if status == 200 { return [] }
        guard let report = try? JSONDecoder().decode(ReadyReport.self, from: body) else { return ["gateway"] }
        let services = report.services.filter { !$0.value }.keys.sorted()
        let failing = (report.broker ? [] : ["broker"]) + services
        return failing.isEmpty ? ["gateway"] : failing
    }
}
