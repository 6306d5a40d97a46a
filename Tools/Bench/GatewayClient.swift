import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The load generator's view of the gateway: one pooled HTTP/1.1 client on loopback, requests
/// timed from just before sending to the last byte of the answer.
final class GatewayClient: Sendable {
    /// One answer (or the failure to get one) and how long it took.
    struct Reply: Sendable {
        var status: Int?
        var body: Data
        var milliseconds: Double
        /// Set when no HTTP answer came back (time-out, refused connection…).
        var failure: String?
        /// The answer's `Content-Type` and `Set-Cookie` values (the pages' scenarios read them).
        var contentType: String? = nil
        var setCookies: [String] = []

        var isSuccess: Bool { status.map { (200..<300).contains($0) } ?? false }

        /// `nil` on a 2xx; otherwise the reason to count under.
        var errorReason: String? {
            if let failure { return failure }
            return isSuccess ? nil : "HTTP \(status ?? 0)"
        }

        var outcome: Outcome { errorReason.map { .failed($0, milliseconds) } ?? .ok(milliseconds) }

        func decode<T: Decodable>(_ type: T.Type) -> T? { try? JSONDecoder().decode(type, from: body) }
    }

    let baseURL: String
    private let client: HTTPClient
    private let timeout: TimeAmount

    init(baseURL: String, connections: Int, timeoutSeconds: Int64 = 30) {
        self.baseURL = baseURL
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(120), concurrentHTTP1ConnectionsPerHostSoftLimit: max(8, connections))
        configuration.decompression = .disabled
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        timeout = .seconds(timeoutSeconds)
    }

    func send(_ method: HTTPMethod, _ path: String, body: Data? = nil, token: String? = nil,
              headers extra: [(String, String)] = [], contentType: String = "application/json") async -> Reply {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body {
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        for (name, value) in extra { request.headers.add(name: name, value: value) }
        let clock = ContinuousClock()
        let started = clock.now
        do {
            let response = try await client.execute(request, timeout: timeout)
            let bytes = try await response.body.collect(upTo: 16 << 20)
            return Reply(status: Int(response.status.code), body: Data(bytes.readableBytesView),
                         milliseconds: (clock.now - started).milliseconds, failure: nil,
                         contentType: response.headers.first(name: "Content-Type"), setCookies: response.headers["Set-Cookie"])
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout {
            return Reply(status: nil, body: Data(), milliseconds: (clock.now - started).milliseconds, failure: "timeout")
        } catch {
            return Reply(status: nil, body: Data(), milliseconds: (clock.now - started).milliseconds,
                         failure: "transport: \(String(describing: error).prefix(80))")
        }
    }

    func postJSON(_ path: String, _ json: String, token: String? = nil, headers: [(String, String)] = []) async -> Reply {
        await send(.POST, path, body: Data(json.utf8), token: token, headers: headers)
    }

    func get(_ path: String, token: String? = nil, headers: [(String, String)] = []) async -> Reply {
        await send(.GET, path, token: token, headers: headers)
    }

    func shutdown() async { try? await client.shutdown() }
}

/// A failure of the bench itself (setup, a prerequisite, an unexpected answer), with the reason.
struct BenchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
