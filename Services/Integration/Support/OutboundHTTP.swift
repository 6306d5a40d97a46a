import AsyncHTTPClient
import Domain
import Foundation
import NIOCore
import NIOHTTP1

/// Outward HTTP calls (portal, webhooks, payment platform, SMS gateway): POST with a JSON body,
/// no redirects (a redirect could lead a webhook to a private address), bounded by a timeout.
struct OutboundHTTP: Sendable {
    /// What came back: the status and the first bytes of the body (for the delivery log).
    struct Reply: Sendable {
        let status: Int
        let body: Data

        var isSuccess: Bool { (200..<300).contains(status) }
        /// The body as text, cut to a size fit for a log line.
        var excerpt: String { String(decoding: body.prefix(300), as: UTF8.self) }
    }

    let client: HTTPClient
    let timeout: Duration

    static func makeClient(dnsOverride: [String: String] = [:]) -> HTTPClient {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        configuration.timeout = .init(connect: .seconds(5), read: .seconds(30))
        configuration.connectionPool = .init(idleTimeout: .seconds(30))
        configuration.dnsOverride = dnsOverride
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    func post(_ url: String, body: Data, headers: [(String, String)] = []) async throws -> Reply {
        let response = try await client.execute(Self.request(url, body: body, headers: headers),
                                                timeout: .milliseconds(timeout.milliseconds))
        let buffer = try await response.body.collect(upTo: 1 << 20)
        return Reply(status: Int(response.status.code), body: Data(buffer: buffer))
    }

    /// POSTs to a vetted webhook target over a connection to `target.address` itself: the host
    /// name is not resolved again (no DNS rebinding between the check and the connection), while
    /// TLS still sends it as SNI and verifies the certificate against it. Redirects are not
    /// followed; the answer's body is not read (nothing of the target's reply reaches the
    /// partner's delivery log but its status). A client of its own per delivery: its DNS
    /// override is the one address.
    func postPinned(_ target: WebhookTarget, body: Data, headers: [(String, String)]) async throws -> Int {
        var override = [target.host: target.addressText]
        override[target.host.lowercased()] = target.addressText  // however the client spells the host
        let pinned = Self.makeClient(dnsOverride: override)
        let status: Int
        do {
            // The response (and its unread body stream) goes out of scope before the client shuts down.
            let response = try await pinned.execute(Self.request(target.url, body: body, headers: headers),
                                                    timeout: .milliseconds(timeout.milliseconds))
            status = Int(response.status.code)
        } catch {
            try? await pinned.shutdown()
            throw error
        }
        try? await pinned.shutdown()
        return status
    }

    private static func request(_ url: String, body: Data, headers: [(String, String)]) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "onegate-integration/1")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        return request
    }
}

extension Duration {
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
