import Hummingbird

/// The request context of the gateway: Hummingbird's core storage plus the request id that
/// follows the request across services (AMQP `requestId`, logs, `X-Request-Id`).
struct GatewayContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    var requestID: String = ""

    init(source: Source) {
        self.coreContext = .init(source: source)
    }

    /// The largest JSON body accepted (uploads of files go elsewhere, with their own limits).
    var maxUploadSize: Int { GatewaySettings.maximumBodyBytes }
}

/// Limits read once at start-up from the environment.
enum GatewaySettings {
    nonisolated(unsafe) static var maximumBodyBytes = 1 << 20
}
