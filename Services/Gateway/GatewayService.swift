import Contracts
import Foundation
import Hummingbird
import Logging
import Messaging
import OnegateWeb
import ServiceKit
import ServiceLifecycle

/// `gateway`: the only HTTP listener. Turns each request into AMQP RPC calls to the services.
@main
struct GatewayService {
    static func main() async throws {
        let environment = ServiceEnvironment()
        let metrics = Observability.bootstrap(service: "gateway", environment: environment)
        let logger = Logger(label: "onegate.gateway")
        let client = RPCClient(configuration: environment.amqp(for: .gateway), name: "gateway-rpc", logger: logger)
        let feed = environment.int("ONEGATE_CACHE_SECONDS", default: 30) > 0
            ? InvalidationFeed(configuration: environment.amqp(for: .gateway), logger: logger) : nil
        let caches = GatewayCaches(feed: feed, environment: environment)
        let backend = Backend(client: client, timeout: .milliseconds(environment.int("ONEGATE_RPC_TIMEOUT_MS", default: 5_000)),
                              versions: caches.versions)

        let web = try await WebResources.load()
        let router = Router(context: GatewayContext.self)
        let sampler = PerformanceSampler(service: "gateway")
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: PerformanceMiddleware(sampler: sampler))
        // Outside the problem conversion, so responses that began as thrown errors (401, 404, …)
        // are timed with their status too; Hummingbird's middleware leaves thrown errors untimed.
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: ProblemMiddleware())
        router.add(middleware: WebErrorPageMiddleware(resources: web))
        router.add(middleware: QueryGuardMiddleware())
        let verifier = TokenVerifier(backend: backend, logger: logger,
                                     sessionCheckInterval: TimeInterval(environment.int("ONEGATE_SESSION_CHECK_SECONDS", default: 15)),
                                     minimumKeyReload: TimeInterval(environment.int("ONEGATE_JWKS_MIN_RELOAD_SECONDS", default: 10)))
        router.add(middleware: AuthenticationMiddleware(verifier: verifier, metrics: MetricsAccess(environment: environment)))
        router.add(middleware: RateLimitMiddleware(environment: environment))
        router.add(middleware: ActivityMiddleware(sampler: sampler))
        router.addRoutes(OperationsController(backend: backend, metrics: metrics).endpoints)
        router.addRoutes(AuthController(backend: backend).endpoints)
        let api = router.group("api/v1")
        api.addRoutes(try OpenAPIController().endpoints)
        api.addRoutes(DossiersController(backend: backend).endpoints, atPath: "dossiers")
        api.addRoutes(ReportsController(backend: backend).endpoints, atPath: "reports")
        api.addRoutes(DirectoryController(backend: backend).endpoints)
        api.addRoutes(ProceduresController(backend: backend).endpoints, atPath: "procedures")
        api.addRoutes(CalendarController(backend: backend).endpoints, atPath: "calendar")
        api.addRoutes(SharedCatalogsController(backend: backend).endpoints, atPath: "catalogs")
        api.addRoutes(IntegrationController(backend: backend).endpoints)
        api.addRoutes(DocumentsController(backend: backend).endpoints)
        api.addRoutes(AccountsController(backend: backend).endpoints)
        router.addRoutes(WebPortal(resources: web, backend: backend, verifier: verifier, environment: environment,
                                   caches: caches).endpoints)

        let host = environment.string("ONEGATE_HTTP_HOST", default: "127.0.0.1")
        let port = environment.int("ONEGATE_HTTP_PORT", default: 8080)
        let app = Application(router: router,
                              configuration: .init(address: .hostname(host, port: port), serverName: "onegate"),
                              logger: logger)
        let group = ServiceGroup(configuration: .bounded(
            services: [.init(service: RPCClientService(client: client)), .init(service: app),
                       .init(service: RuntimeGauges(gateway: client, environment: environment, logger: logger)),
                       .init(service: PerformanceShipper(sampler: sampler, backend: backend,
                                                         interval: environment.performanceSampleInterval,
                                                         logger: logger))]
                + (feed.map { [ServiceGroupConfiguration.ServiceConfiguration(service: $0)] } ?? []),
            environment: environment, logger: logger))
        logger.info("gateway listening", metadata: ["url": "http://\(host):\(port)"])
        try await group.run()
        logger.info("stopped")
    }
}

/// Runs the RPC client's reply loop and closes its link after the HTTP server stopped.
struct RPCClientService: Service {
    let client: RPCClient

    func run() async throws {
        await withGracefulShutdownHandler {
            await client.run()
        } onGracefulShutdown: {
            Task { await client.link.shutdown() }
        }
    }
}
