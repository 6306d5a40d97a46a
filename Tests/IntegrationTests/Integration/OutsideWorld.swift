import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Synchronization

/// Everything integration talks to, simulated in the test process on fixed ports: the national
/// portal (session login, `DongBoHoSoMC` / `CapNhatTienDoHoSoMC` calls), partners' webhook
/// receivers that verify Standard Webhooks signatures, the SMS gateway and the payment platform.
/// It records what it received and fails on demand.
final class OutsideWorld: Sendable {
    static let port = 18090
    static let smtpPort: UInt16 = 18025
    static let portalUser = "onegate-test"
    static let portalPassword = "portal-secret"
    static let paymentSecret = "test-payment-secret"
    static var baseURL: String { "http://127.0.0.1:\(port)" }

    /// What integration is started with in the test cluster.
    static let serviceEnvironment: [String: String] = [
        "ONEGATE_PORTAL_URL": "\(baseURL)/portal",
        "ONEGATE_PORTAL_USERNAME": portalUser,
        "ONEGATE_PORTAL_PASSWORD": portalPassword,
        "ONEGATE_PORTAL_RETRY_SECONDS": "120",
        "ONEGATE_PORTAL_GAP_SECONDS": "10",
        "ONEGATE_WEBHOOK_ALLOW_LOOPBACK": "1",
        "ONEGATE_WEBHOOK_RETRY_SECONDS": "2",
        "ONEGATE_WEBHOOK_DISABLE_AFTER_FAILURES": "25",
        "ONEGATE_NOTIFY_RETRY_SECONDS": "30",
        "ONEGATE_DELIVERY_BACKOFF_MS": "100",
        "ONEGATE_DELIVERY_BACKOFF_MAX_MS": "400",
        "ONEGATE_DELIVERY_POLL_MS": "200",
        "ONEGATE_OUTBOUND_TIMEOUT_MS": "3000",
        "ONEGATE_SMTP_URL": "smtp://127.0.0.1:\(smtpPort)",
        "ONEGATE_SMTP_FROM": "mot-cua@sotuphap.test",
        "ONEGATE_SMS_URL": "\(baseURL)/sms",
        "ONEGATE_PAYMENT_URL": "\(baseURL)/payments",
        "ONEGATE_PAYMENT_SECRET": paymentSecret,
        "ONEGATE_PAYMENT_CALLBACK_URL": "http://127.0.0.1:\(ServiceCluster.httpPort)/api/v1/payments/callback",
    ]

    struct PortalCall: Sendable {
        let service: String
        let isUpdating: Bool
        let records: [[String: String]]
    }

    struct HookDelivery: Sendable {
        let hook: String
        let id: String
        let timestamp: String
        let signature: String
        let body: Data
        let verified: Bool
        let receivedAt: Date

        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
        var subject: String { json["subject"] as? String ?? "" }
        var sequence: Int { json["sequence"] as? Int ?? 0 }
    }

    struct State: Sendable {
        var portalDown = false
        var sessions: Set<String> = []
        var portalCalls: [PortalCall] = []
        var sms: [[String: String]] = []
        var paymentRequests: [(body: Data, signature: String?)] = []
        var hookSecrets: [String: String] = [:]
        var failingHooks: Set<String> = []
        var hooks: [HookDelivery] = []
        var hookRefusals = 0
        /// Requests to the hostile receivers (`redirect/…`, `leaky/…`), by path.
        var hostileHits: [String: Int] = [:]
    }

    /// What the leaky receiver answers, as an internal service might: it must never reach a
    /// partner's delivery log.
    static let leakedSecret = "internal-db-password=hunter2"

    let state = Mutex(State())

    func set(_ change: (inout State) -> Void) { state.withLock { change(&$0) } }
    func read<T>(_ body: (State) -> T) -> T { state.withLock { body($0) } }

    /// Runs the simulator until the returned task is cancelled; returns once it answers.
    func start() async throws -> Task<Void, any Error> {
        let router = Router()
        router.get("health") { _, _ in "ok" }
        router.post("portal/auth/login") { request, context in try await self.login(request, context) }
        router.post("portal/api") { request, context in try await self.portal(request, context) }
        router.post("sms") { request, context in
            let body = try await Self.json(request, context)
            self.set { $0.sms.append(body.compactMapValues { $0 as? String }) }
            return Response(status: .ok)
        }
        router.post("payments") { request, context in
            let body = Data(try await request.body.collect(upTo: 1 << 20).readableBytesView)
            let signature = request.headers[HTTPField.Name("X-Payment-Signature")!]
            self.set { $0.paymentRequests.append((body, signature)) }
            return Response(status: .ok)
        }
        router.post("hooks/{name}") { request, context in try await self.hook(request, context) }
        // A receiver that redirects (to a hook that would accept) and one that answers 500 with
        // internal data, as a service inside the network would.
        router.post("redirect/{name}") { _, context in
            let name = context.parameters.get("name") ?? ""
            self.set { $0.hostileHits["redirect/\(name)", default: 0] += 1 }
            var headers = HTTPFields()
            headers[.location] = "\(Self.baseURL)/hooks/\(name)"
            return Response(status: .temporaryRedirect, headers: headers)
        }
        router.post("leaky/{name}") { _, context in
            let name = context.parameters.get("name") ?? ""
            self.set { $0.hostileHits["leaky/\(name)", default: 0] += 1 }
            return Response(status: .internalServerError, headers: [.contentType: "text/plain"],
                            body: .init(byteBuffer: ByteBuffer(string: "\(Self.leakedSecret)\nstack: at db.internal:5432")))
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: Self.port)),
                              logger: Logger(label: "outside-world"))
        let task = Task { try await app.runService(gracefulShutdownSignals: []) }
        let up = await eventually(timeout: .seconds(10), every: .milliseconds(50)) {
            (try? await HTTP.request(.get, URL(string: "\(Self.baseURL)/health")!).status) == 200
        }
        guard up else {
            task.cancel()
            throw Shell.Failure(description: "the outside-world simulator did not start on port \(Self.port)")
        }
        return task
    }

    private func login(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let body = try await Self.json(request, context)
        if read(\.portalDown) { return Response(status: .serviceUnavailable) }
        guard body["username"] as? String == Self.portalUser, body["password"] as? String == Self.portalPassword else {
            return Response(status: .unauthorized)
        }
        let session = UUID().uuidString
        set { $0.sessions.insert(session) }
        return Self.reply(["session": session])
    }

    private func portal(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let body = try await Self.json(request, context)
        if read(\.portalDown) { return Response(status: .serviceUnavailable) }
        guard let session = body["session"] as? String, read({ $0.sessions.contains(session) }) else {
            return Self.reply(["error_code": 401, "message": "Phiên làm việc hết hạn"])
        }
        let records = (body["data"] as? [[String: Any]] ?? []).map { record in
            record.compactMapValues { $0 as? String }
        }
        set { $0.portalCalls.append(PortalCall(service: body["service"] as? String ?? "", isUpdating: body["isUpdating"] as? Bool ?? false,
                                               records: records)) }
        return Self.reply(["error_code": 0, "message": "Thành công"])
    }

    /// A partner's receiver: verifies the signature with the subscription's secret (401 when it
    /// does not match), records every delivery, and answers 503 while its hook is set to fail.
    private func hook(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let name = context.parameters.get("name") ?? ""
        let body = Data(try await request.body.collect(upTo: 1 << 20).readableBytesView)
        let header = { (field: String) in request.headers[HTTPField.Name(field)!] ?? "" }
        let (id, timestamp, signature) = (header("webhook-id"), header("webhook-timestamp"), header("webhook-signature"))
        let secret = read { $0.hookSecrets[name] } ?? ""
        let verified = WebhookVerifier.verify(id: id, timestamp: timestamp, body: body, signatures: signature, secret: secret)
        let failing = read { $0.failingHooks.contains(name) }
        set {
            if verified {
                $0.hooks.append(HookDelivery(hook: name, id: id, timestamp: timestamp, signature: signature, body: body,
                                             verified: verified, receivedAt: Date()))
            } else {
                $0.hookRefusals += 1
            }
        }
        if !verified { return Response(status: .unauthorized) }
        return Response(status: failing ? .serviceUnavailable : .noContent)
    }

    func deliveries(to hook: String) -> [HookDelivery] { read { $0.hooks.filter { $0.hook == hook } } }

    static func json(_ request: Request, _ context: BasicRequestContext) async throws -> [String: Any] {
        let buffer = try await request.body.collect(upTo: 1 << 20)
        return (try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView))) as? [String: Any] ?? [:]
    }

    static func reply(_ object: [String: Any]) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// A partner's check of a Standard Webhooks delivery: `v1,<base64 HMAC-SHA256("id.timestamp.body")>`
/// with the `whsec_` secret's key, within five minutes of its timestamp.
enum WebhookVerifier {
    static func verify(id: String, timestamp: String, body: Data, signatures: String, secret: String, now: Date = Date()) -> Bool {
        guard secret.hasPrefix("whsec_"), let key = Data(base64Encoded: String(secret.dropFirst(6))),
              let seconds = Double(timestamp), abs(now.timeIntervalSince1970 - seconds) < 300, !id.isEmpty else { return false }
        var signed = Data("\(id).\(timestamp).".utf8)
        signed.append(body)
        let expected = Data(HMAC<SHA256>.authenticationCode(for: signed, using: SymmetricKey(data: key)))
        return signatures.split(separator: " ").contains { candidate in
            guard candidate.hasPrefix("v1,"), let given = Data(base64Encoded: String(candidate.dropFirst(3))) else { return false }
            return given == expected
        }
    }
}
