import Contracts
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Metrics
import ServiceKit
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Who the client is, for rate limits and identity's lockout. The TCP peer, unless the peer is
/// one of `ONEGATE_TRUSTED_PROXIES` (exact IP addresses, comma-separated; empty by default): then
/// `X-Forwarded-For` is read from the right, skipping trusted proxies, and the first other entry
/// is the client. A malformed entry ends the walk at the hop before it, so a client cannot choose
/// its own address by sending the header.
struct ClientAddressResolver: Sendable {
    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!
    let trustedProxies: Set<String>

    init(trustedProxies: String) {
        self.trustedProxies = Set(trustedProxies.split(separator: ",").compactMap { Self.normalised(String($0)) })
    }

    func address(peer: String?, forwardedFor: [String]) -> String {
        guard var client = peer.flatMap(Self.normalised) else { return "unknown" }
        guard trustedProxies.contains(client) else { return client }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        for hop in hops.reversed() {
            guard let address = Self.normalised(hop) else { break }
            client = address
            if !trustedProxies.contains(address) { break }
        }
        return client
    }

    /// The canonical text of an IPv4 or IPv6 address (`::ffff:a.b.c.d` as `a.b.c.d`), nil when it is not one.
    static func normalised(_ text: String) -> String? {
        let text = text.trimmingCharacters(in: .whitespaces)
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: &v4) { format(AF_INET, $0, length: Int(INET_ADDRSTRLEN)) } }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        let bytes = withUnsafeBytes(of: &v6) { Array($0) }
        if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xff && bytes[11] == 0xff {
            return bytes[12...].map(String.init).joined(separator: ".")
        }
        return withUnsafeBytes(of: &v6) { format(AF_INET6, $0, length: Int(INET6_ADDRSTRLEN)) }
    }

    /// The key a rate limit counts by: an IPv4 address, or an IPv6 address's /64 network (one
    /// subscriber usually holds a whole /64, so counting single IPv6 addresses would be no limit).
    static func limitKey(_ address: String) -> String {
        var v6 = in6_addr()
        guard address.contains(":"), inet_pton(AF_INET6, address, &v6) == 1 else { return address }
        let bytes = withUnsafeBytes(of: &v6) { Array($0) }
        return stride(from: 0, to: 8, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }
            .joined(separator: ":") + "::/64"
    }

    private static func format(_ family: Int32, _ address: UnsafeRawBufferPointer, length: Int) -> String? {
        var buffer = [CChar](repeating: 0, count: length)
        guard inet_ntop(family, address.baseAddress, &buffer, socklen_t(length)) != nil else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// One in-memory rate limit (Domain `RateLimiterState`): per client address and global.
final class RateLimiter: Sendable {
    let name: String
    private let state: Mutex<RateLimiterState<String>>
    private let start = ContinuousClock.now
    private let limited: Counter

    init(name: String, perAddress: TokenBucket.Rate, global: TokenBucket.Rate, maximumAddresses: Int) {
        self.name = name
        self.state = Mutex(RateLimiterState(perKey: perAddress, global: global, maximumKeys: maximumAddresses, now: 0))
        self.limited = Counter(label: "onegate_gateway_rate_limited_total", dimensions: [("limit", name)])
    }

    /// Passes, or throws a 429 problem with `Retry-After`.
    func admit(_ address: String, what: String) throws {
        let elapsed = ContinuousClock.now - start
        let now = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let key = ClientAddressResolver.limitKey(address)
        let wait = state.withLock { $0.admit(key, now: now) }
        guard wait > 0 else { return }
        limited.increment()
        let seconds = max(1, Int(wait.rounded(.up)))
        throw Problem(status: 429, title: "Too many requests",
                      detail: "Too many \(what); try again in \(seconds) seconds.", retryAfter: seconds)
    }
}

/// Finds the client's address for every request, and limits sign-ins (`POST /api/v1/auth/token`)
/// and anonymous submissions (`POST /api/v1/dossiers` without a bearer token), and account requests
/// (registration, verification, password reset: `accountPaths`) per address and
/// overall, before the body is read. Sits after authentication (it needs to know the caller) and
/// inside the problem conversion.
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = GatewayContext
    let resolver: ClientAddressResolver
    let signIns: RateLimiter
    let anonymousSubmissions: RateLimiter
    let accountRequests: RateLimiter

    init(environment: ServiceEnvironment) {
        func rate(_ prefix: String, perMinute: Int, burst: Int, globalPerSecond: Int) -> (TokenBucket.Rate, TokenBucket.Rate) {
            let global = environment.int("\(prefix)_GLOBAL_PER_SECOND", default: globalPerSecond)
            return (.perMinute(Double(environment.int("\(prefix)_PER_MINUTE", default: perMinute)),
                               burst: Double(environment.int("\(prefix)_BURST", default: burst))),
                    .init(burst: Double(environment.int("\(prefix)_GLOBAL_BURST", default: global)), perSecond: Double(global)))
        }
        let addresses = environment.int("ONEGATE_RATE_LIMIT_MAX_ADDRESSES", default: 100_000)
        resolver = ClientAddressResolver(trustedProxies: environment.string("ONEGATE_TRUSTED_PROXIES", default: ""))
        let signIn = rate("ONEGATE_SIGNIN_RATE", perMinute: 10, burst: 10, globalPerSecond: 50)
        signIns = RateLimiter(name: "sign-in", perAddress: signIn.0, global: signIn.1, maximumAddresses: addresses)
        let submit = rate("ONEGATE_ANONYMOUS_SUBMIT_RATE", perMinute: 20, burst: 10, globalPerSecond: 100)
        anonymousSubmissions = RateLimiter(name: "anonymous-submission", perAddress: submit.0, global: submit.1,
                                           maximumAddresses: addresses)
        let account = rate("ONEGATE_ACCOUNT_RATE", perMinute: 5, burst: 5, globalPerSecond: 20)
        accountRequests = RateLimiter(name: "account-request", perAddress: account.0, global: account.1, maximumAddresses: addresses)
    }

    /// Registrations, verifications and password resets (JSON API and pages): each may send a
    /// mail or hash a password.
    static let accountPaths: Set<String> = ["/api/v1/accounts", "/api/v1/accounts/verify", "/api/v1/accounts/password-reset",
                                            "/api/v1/accounts/password-reset/confirm", "/register", "/password-reset",
                                            "/password-reset/confirm"]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.clientAddress = resolver.address(peer: context.peerAddress,
                                                 forwardedFor: request.headers[values: ClientAddressResolver.forwardedFor])
        if request.method == .post {
            let path = request.uri.path.hasSuffix("/") ? String(request.uri.path.dropLast()) : request.uri.path
            if path == "/api/v1/auth/token" || path == "/sign-in" {
                try signIns.admit(context.clientAddress, what: "sign-in attempts")
            } else if path == "/api/v1/dossiers" && !context.caller.isAuthenticated {
                try anonymousSubmissions.admit(context.clientAddress, what: "anonymous submissions")
            } else if Self.accountPaths.contains(path) {
                try accountRequests.admit(context.clientAddress, what: "account requests")
            }
        }
        return try await next(request, context)
    }
}
