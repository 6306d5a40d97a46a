import Contracts
import Foundation
import Messaging
import Testing

extension Integration.WorkflowTests {
    /// The status page's cache (docs/web.md, "Caching"): reading it again is served from the
    /// gateway's cache (its hit counter grows); a change made through the gateway shows on the very
    /// next read; a change made elsewhere — a rating sent straight to processing, as another
    /// gateway instance would — shows once its event has reached this gateway.
    func statusPageCache(_ desk: Desk) async throws {
        let (code, token) = try await desk.submission()
        try await desk.bringIntoHandling(code)
        func shown() async throws -> String {
            let page = try await HTTP.request(.get, desk.cluster.url("/track/\(code)?token=\(token)"), headers: ["Accept": "text/html"])
            #expect(page.status == 200, "status page \(page.status)")
            let html = String(decoding: page.body, as: UTF8.self)
            guard let marker = html.range(of: #"data-status=""#) else { return "" }
            return String(html[marker.upperBound...].prefix { $0 != "\"" })
        }
        func hits() async throws -> Double {
            let response = try await HTTP.request(.get, desk.cluster.url("/metrics"), headers: ServiceCluster.metricsHeaders)
            return Exposition(text: String(decoding: response.body, as: UTF8.self))
                .samples("onegate_gateway_cache_total", [#"cache="status-page""#, #"result="hit""#]).reduce(0, +)
        }
        let status = try await desk.status(code).code
        #expect(try await shown() == String(status))
        // The events of the actions before may still be arriving (each makes the kept page stale
        // once); after them, three reads in a row are three hits.
        let cached = await eventually(timeout: .seconds(10)) {
            let before = (try? await hits()) ?? 0
            for _ in 0..<3 { _ = try? await shown() }
            return ((try? await hits()) ?? 0) >= before + 3
        }
        #expect(cached, "read again from the cache")
        #expect(try await shown() == String(status))

        // Through this gateway: at once, without waiting for the event.
        try await desk.act(code, "complete-step", as: "specialist")
        try await desk.act(code, "approve", as: "leader")
        try await desk.act(code, "issue-result", as: "leader", #"{"resultDocuments": ["\#(UUID().uuidString.lowercased())"]}"#)
        try await desk.act(code, "return-result", as: "officer", #"{"channel": "direct"}"#)
        #expect(try await shown() == "10")
        func page() async throws -> String {
            String(decoding: try await HTTP.request(.get, desk.cluster.url("/track/\(code)?token=\(token)"),
                                                    headers: ["Accept": "text/html", "Accept-Language": "vi"]).body, as: UTF8.self)
        }
        #expect(try await page().contains("Gửi đánh giá"), "the rating form")
        #expect(try await page().contains("Gửi đánh giá"), "the rating form, from the cache")

        // Elsewhere: processing's event makes the kept page stale.
        let rpc = RPCClient(configuration: TestEnvironment.shared.adminBroker, name: "test-cache-rpc", logger: testLogger)
        let running = Task { await rpc.run() }
        defer { running.cancel() }
        #expect(await eventually { rpc.link.isConnected })
        let body = try WireJSON.encode(RPCRequest(caller: .anonymous, requestId: UUID().uuidString,
                                                  payload: DossierRatingCommand(code: code, lookupToken: token, rating: "satisfied", comment: nil)))
        let answer = try WireJSON.decode(RPCReply<DossierRatingView>.self,
                                         from: try await rpc.call(routingKey: "processing.rate", body: body, timeout: .seconds(10)))
        #expect(answer.ok?.rating == .satisfied, "\(String(describing: answer.error))")
        let thanked = await eventually(timeout: .seconds(10)) { (try? await page())?.contains("Cảm ơn bạn đã đánh giá") == true }
        #expect(thanked, "the rating made elsewhere shows once its event arrived")
    }
}
