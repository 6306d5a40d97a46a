import AsyncHTTPClient
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

    static func makeClient() -> HTTPClient {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        configuration.timeout = .init(connect: .seconds(5), read: .seconds(30))
        configuration.connectionPool = .init(idleTimeout: .seconds(30))
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    func post(_ url: String, body: Data, headers: [(String, String)] = []) async throws -> Reply {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "onegate-integration/1")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        let response = try await client.execute(request, timeout: .milliseconds(timeout.milliseconds))
        let buffer = try await response.body.collect(upTo: 1 << 20)
        return Reply(status: Int(response.status.code), body: Data(buffer: buffer))
    }
}

extension Duration {
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
