import Domain
import Foundation
import Logging
import Synchronization

/// The national portal's API: session auth (`POST {base}/auth/login {username, password}` →
/// `{session}`), then JSON calls by service name (`POST {base}/api {session, madonvi, service,
/// isUpdating, data: [...]}` → `{error_code: 0, message}`). An expired session (HTTP 401 or
/// `error_code` 401) is renewed once per call.
final class PortalClient: Sendable {
    struct Failure: Error, CustomStringConvertible {
        let status: Int?
        let description: String
    }

    let baseURL: String
    let username: String
    let password: String
    let unitCode: String
    let http: OutboundHTTP
    private let session = Mutex<String?>(nil)

    init(baseURL: String, username: String, password: String, unitCode: String, http: OutboundHTTP) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.username = username
        self.password = password
        self.unitCode = unitCode
        self.http = http
    }

    /// Calls `service` with `records`; returns the HTTP status of the accepted call.
    func call(_ service: String, isUpdating: Bool, records: [JSONValue]) async throws -> Int {
        for attempt in 0..<2 {
            let token = try await currentSession(renew: attempt > 0)
            let body: JSONValue = .object([
                "session": .string(token), "madonvi": .string(unitCode), "service": .string(service),
                "isUpdating": .bool(isUpdating), "data": .array(records),
            ])
            let reply = try await http.post("\(baseURL)/api", body: try JSONEncoder().encode(body))
            let answer = try? JSONDecoder().decode(JSONValue.self, from: reply.body)
            let code = Self.errorCode(answer)
            if reply.status == 401 || code == "401" { continue }
            guard reply.isSuccess, code == "0" else {
                throw Failure(status: reply.status, description: "\(service): HTTP \(reply.status), \(reply.excerpt)")
            }
            return reply.status
        }
        throw Failure(status: 401, description: "\(service): the portal refused the renewed session")
    }

    /// Signs in unless a session is held: a cheap first check that the portal is up.
    func ensureSession() async throws {
        _ = try await currentSession(renew: false)
    }

    private func currentSession(renew: Bool) async throws -> String {
        if !renew, let token = session.withLock({ $0 }) { return token }
        let body: JSONValue = .object(["username": .string(username), "password": .string(password)])
        let reply = try await http.post("\(baseURL)/auth/login", body: try JSONEncoder().encode(body))
        guard reply.isSuccess, let token = (try? JSONDecoder().decode(JSONValue.self, from: reply.body))?["session"]?.stringValue else {
            throw Failure(status: reply.status, description: "login: HTTP \(reply.status)")
        }
        session.withLock { $0 = token }
        return token
    }

    /// `error_code` as text, whether the portal sent a number or a string.
    static func errorCode(_ answer: JSONValue?) -> String? {
        switch answer?["error_code"] {
        case .string(let text)?: text
        case .number(let number)?: String(Int(number))
        default: nil
        }
    }
}
