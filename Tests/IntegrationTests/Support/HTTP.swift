import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A tiny HTTP client for end-to-end tests (URLSession, no caching, no cookies).
enum HTTP {
    enum Method: String, Sendable { case get = "GET", post = "POST", put = "PUT", delete = "DELETE" }

    struct Result: Sendable {
        let status: Int
        let headers: [String: String]
        let body: Data

        var json: [String: Any]? { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] }
        var contentType: String { headers["content-type"] ?? "" }
        /// The field names of a problem's validation errors.
        var problemFields: [String] {
            ((json?["errors"] as? [[String: Any]]) ?? []).compactMap { $0["field"] as? String }
        }
    }

    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 30
        configuration.httpMaximumConnectionsPerHost = 16
        return URLSession(configuration: configuration)
    }()

    static func request(_ method: Method, _ url: URL, body: Data? = nil, headers: [String: String] = [:]) async throws -> Result {
        var request = URLRequest(url: url)
        request.httpMethod = method.rawValue
        request.httpBody = body
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { fields[name.lowercased()] = value }
        }
        return Result(status: http.statusCode, headers: fields, body: data)
    }

    static func postJSON(_ url: URL, _ text: String, headers: [String: String] = [:]) async throws -> Result {
        try await request(.post, url, body: Data(text.utf8), headers: headers.merging(["Content-Type": "application/json"]) { $1 })
    }
}
