import Contracts
import Hummingbird
import ServiceKit

/// The request context of the gateway: Hummingbird's core storage plus the request id that
/// follows the request across services (AMQP `requestId`, logs, `X-Request-Id`).
struct GatewayContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    var requestID: String = ""
    /// Set by `AuthenticationMiddleware` from a verified bearer token.
    var caller: Caller = .anonymous
    /// Set by `AuthenticationMiddleware` when a metrics route was called with the scrape credential.
    var isMetricsScraper = false
    /// The TCP peer's IP address (nil for a Unix socket or when NIO does not know it).
    let peerAddress: String?
    /// The client's address: the peer, or the client a trusted proxy forwarded for
    /// (`ClientAddressMiddleware`, `ONEGATE_TRUSTED_PROXIES`).
    var clientAddress: String = ""

    init(source: Source) {
        self.coreContext = .init(source: source)
        self.peerAddress = source.channel.remoteAddress?.ipAddress
    }

    /// The largest JSON body accepted (uploads of files go elsewhere, with their own limits).
    var maxUploadSize: Int { GatewaySettings.maximumBodyBytes }
}

/// Limits read once from the environment (`ONEGATE_HTTP_MAX_BODY`).
enum GatewaySettings {
    static let maximumBodyBytes = ServiceEnvironment().int("ONEGATE_HTTP_MAX_BODY", default: 1 << 20)
}
