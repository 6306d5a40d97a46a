import Foundation
import Testing

extension Integration.EndToEndTests {
    /// The gateway's own metrics and two services' (through `/metrics/{service}`) carry the
    /// runtime gauges and histograms of `docs/operations.md` with sane values. Runs after a
    /// submission, so intake has published and processing has consumed an event.
    func metricsAreExported(_ cluster: ServiceCluster) async throws {
        #expect(try await HTTP.request(.get, cluster.url("/api/v1/me")).status == 401)
        try await metricsNeedTheScrapeCredentialOrAnAdministrator(cluster)
        let gateway = try await scrape(cluster, "/metrics")
        #expect(gateway.first("process_resident_memory_bytes") ?? 0 > 0)
        #expect(gateway.first("process_cpu_seconds_total") ?? 0 > 0)
        #expect(gateway.first("onegate_rpc_client_pending") ?? -1 >= 0)
        #expect(gateway.first("onegate_rpc_client_seconds_count", #"operation="intake.submit""#) ?? 0 >= 1)
        // One series per route, method and status: add them up rather than trust the first one.
        #expect(gateway.total("http_server_request_duration_bucket", #"le="+Inf""#) >= 1)
        #expect(gateway.total("http_server_request_duration_count", #"http_route="/api/v1/me""#, #"http_response_status_code="401""#) >= 1,
                "error answers are timed too")

        // The gauges are refreshed every few seconds: wait for the queue probe's first reading.
        var intake = try await scrape(cluster, "/metrics/intake")
        _ = await eventually {
            intake = (try? await scrape(cluster, "/metrics/intake")) ?? intake
            return intake.first("onegate_queue_consumers", #"queue="intake.rpc""#) ?? 0 >= 1
        }
        #expect(intake.first("onegate_queue_consumers", #"queue="intake.rpc""#) ?? 0 >= 1)
        #expect(intake.first("onegate_queue_messages", #"queue="intake.rpc""#) ?? -1 >= 0)
        #expect(intake.first("onegate_outbox_backlog") ?? -1 >= 0)
        #expect(intake.first("onegate_outbox_oldest_seconds") ?? -1 >= 0)
        #expect(intake.first("onegate_db_connections", #"state="idle""#) ?? 0 >= 1)
        #expect(intake.first("onegate_db_pool_max_connections") ?? 0 > 0)
        #expect(intake.first("onegate_rpc_handler_seconds_count", #"operation="submit""#) ?? 0 >= 1)
        #expect(intake.first("onegate_message_lag_seconds_count", #"queue="intake.rpc""#) ?? 0 >= 1)
        #expect(intake.first("process_resident_memory_bytes") ?? 0 > 0)

        var processing = try await scrape(cluster, "/metrics/processing")
        let queue = #"queue="processing.intake-events""#
        _ = await eventually {
            processing = (try? await scrape(cluster, "/metrics/processing")) ?? processing
            return processing.first("onegate_dead_letter_messages", queue) != nil
        }
        #expect(processing.first("onegate_queue_messages", queue) ?? -1 >= 0)
        #expect(processing.first("onegate_dead_letter_messages", queue) ?? -1 >= 0)
        #expect(processing.first("onegate_message_lag_seconds_count", queue) ?? 0 >= 1)
        #expect(processing.first("onegate_message_handler_seconds_count", queue) ?? 0 >= 1)
    }

    /// `/metrics` and `/metrics/{service}`: 401 anonymously or with a wrong credential, 403 for a
    /// signed-in user who is not an administrator, 200 with the scrape credential or an
    /// administrator's token (issue 14, defect 8). Health and readiness stay public, up/down only.
    func metricsNeedTheScrapeCredentialOrAnAdministrator(_ cluster: ServiceCluster) async throws {
        let signIns = SignIns(cluster)
        let wrong = ["Authorization": "Bearer \(ServiceCluster.metricsToken)x"]
        for path in ["/metrics", "/metrics/intake", "/metrics/identity"] {
            let anonymous = try await HTTP.request(.get, cluster.url(path))
            #expect(anonymous.status == 401, "anonymous GET \(path)")
            #expect(!String(decoding: anonymous.body, as: UTF8.self).contains("process_cpu_seconds_total"))
            #expect(try await HTTP.request(.get, cluster.url(path), headers: wrong).status == 401, "wrong credential, GET \(path)")
            for user in ["citizen", "partner", "officer", "supervisor"] {
                #expect(try await HTTP.request(.get, cluster.url(path), headers: try await signIns.headers(user)).status == 403,
                        "\(user) GET \(path)")
            }
            #expect(try await HTTP.request(.get, cluster.url(path), headers: ServiceCluster.metricsHeaders).status == 200, "scraper GET \(path)")
            #expect(try await HTTP.request(.get, cluster.url(path), headers: try await signIns.headers("admin")).status == 200, "admin GET \(path)")
        }
        // The scrape credential opens nothing else: elsewhere it is just a bad access token.
        #expect(try await HTTP.request(.get, cluster.url("/api/v1/me"), headers: ServiceCluster.metricsHeaders).status == 401)
        let ready = try await HTTP.request(.get, cluster.url("/ready"))
        #expect(ready.status == 200)
        #expect(Set((ready.json ?? [:]).keys) == ["status", "broker", "services"], "readiness says only up or down")
        #expect((ready.json?["services"] as? [String: Any])?.values.allSatisfy { $0 is Bool } == true)
        let health = try await HTTP.request(.get, cluster.url("/health"))
        #expect(health.status == 200 && Set((health.json ?? [:]).keys) == ["status"])
    }

    func scrape(_ cluster: ServiceCluster, _ path: String) async throws -> Exposition {
        let response = try await HTTP.request(.get, cluster.url(path), headers: ServiceCluster.metricsHeaders)
        #expect(response.status == 200, "GET \(path)")
        return Exposition(text: String(decoding: response.body, as: UTF8.self))
    }
}

/// Prometheus text exposition, read just enough to find a sample.
struct Exposition: Sendable {
    let text: String

    /// The samples of `name` whose labels contain every one of `labels` (e.g. `queue="x"`), in order.
    func samples(_ name: String, _ labels: [String]) -> [Double] {
        text.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#"), let space = line.lastIndex(of: " ") else { return nil }
            let series = line[..<space]
            guard series.prefix(while: { $0 != "{" }) == name, labels.allSatisfy({ series.contains($0) }) else { return nil }
            return Double(line[line.index(after: space)...])
        }
    }

    /// The value of the first sample of `name` whose labels contain `label`.
    func first(_ name: String, _ label: String? = nil) -> Double? {
        samples(name, label.map { [$0] } ?? []).first
    }

    /// The sum of every sample of `name` whose labels contain all of `labels`.
    func total(_ name: String, _ labels: String...) -> Double {
        samples(name, labels).reduce(0, +)
    }
}
