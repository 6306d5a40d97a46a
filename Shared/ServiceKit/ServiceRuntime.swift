import Contracts
import Foundation
import Logging
import Messaging
import Metrics
import PostgresNIO
import Prometheus
import ServiceLifecycle
import Storage
import Synchronization

/// Everything a back-end service runs on: its database pool, outbox and relay, broker links, RPC
/// server and event consumers, started in order and shut down gracefully on SIGTERM/SIGINT:
/// stop consuming, finish in-flight work, flush the outbox, close the links, exit 0.
public final class ServiceRuntime: Sendable {
    public let service: ServiceName
    public let environment: ServiceEnvironment
    public let logger: Logger
    public let database: PostgresClient
    public let outbox: Outbox
    public let metrics: PrometheusCollectorRegistry
    let databaseConfiguration: DatabaseConfiguration
    let amqp: AMQPConfiguration
    let relayLink: AMQPLink
    public let relay: OutboxRelay
    let migrations: [Migration]
    /// Readiness conditions of the service's own (e.g. "its copy of the catalog is loaded").
    let readinessConditions = Mutex<[String: Bool]>([:])

    /// Reads the configuration and prepares (without starting) the service's parts.
    public init(service: ServiceName, migrationsDirectory: URL?, environment: ServiceEnvironment = ServiceEnvironment()) throws {
        self.service = service
        self.environment = environment
        self.metrics = Observability.bootstrap(service: service.rawValue, environment: environment)
        self.logger = Logger(label: "onegate.\(service.rawValue)")
        self.databaseConfiguration = environment.database(for: service)
        self.amqp = environment.amqp(for: service)
        self.database = databaseConfiguration.makeClient(logger: logger)
        self.outbox = Outbox(schema: databaseConfiguration.schema)
        self.relayLink = AMQPLink(configuration: amqp,
                                  options: LinkOptions(name: "\(service.rawValue)-outbox", confirms: true,
                                                       publishTimeoutMilliseconds: 10_000),
                                  logger: logger)
        self.relay = OutboxRelay(client: database, outbox: outbox, link: relayLink, logger: logger)
        self.migrations = try migrationsDirectory.map(Migration.load(from:)) ?? []
    }

    /// Runs the service until SIGTERM or SIGINT.
    /// `afterMigrations` runs once the schema is up to date, before any request is served;
    /// `afterSubscribed` runs (in the background) once the event queues are bound.
    public func run(routes: RPCRoutes, subscriptions: [EventSubscription],
                    afterMigrations: @escaping @Sendable () async throws -> Void = {},
                    afterSubscribed: @escaping @Sendable () async -> Void = {}) async throws {
        var routes = routes
        routes.on("ping", Empty.self) { _, _ in await self.readiness() }
        routes.on("metrics", Empty.self) { _, _ in Observability.render(self.metrics) }
        let rpcServer = RPCServer(configuration: amqp, service: service, handlers: routes.handlers, logger: logger)
        let eventTopology = Topology(queues: subscriptions.map { Topology.eventQueue($0.queue, routingKeys: $0.routingKeys) })
        let eventLink = AMQPLink(configuration: amqp,
                                 options: LinkOptions(name: "\(service.rawValue)-events", confirms: false,
                                                      prefetch: environment.prefetch, topology: eventTopology),
                                 logger: logger)
        let main = MainService(runtime: self, rpcServer: rpcServer, eventLink: eventLink, subscriptions: subscriptions,
                               afterMigrations: afterMigrations, afterSubscribed: afterSubscribed)
        let group = ServiceGroup(configuration: .bounded(services: [.init(service: database), .init(service: main)],
                                                         environment: environment, logger: logger))
        logger.info("starting", metadata: ["schema": "\(databaseConfiguration.schema)", "broker": "\(amqp.host):\(amqp.port)"])
        do {
            try await group.run()
        } catch is CancellationError {
            // Stopped while still starting (the database not there yet): nothing was running to
            // hand back, and an uncaught error would cost a crash report on the way out.
            logger.warning("stopped before start-up finished")
            return
        }
        logger.info("stopped")
    }

    /// One request to another service over RPC (a short-lived client: for start-up work, not
    /// for request paths).
    public func request<Payload: Codable & Sendable, Reply: Codable & Sendable>(
        _ service: ServiceName, _ operation: String, _ payload: Payload, as reply: Reply.Type,
        timeout: Duration = .seconds(10)
    ) async throws -> Reply {
        let client = RPCClient(configuration: amqp, name: "\(self.service.rawValue)-requests", logger: logger)
        return try await withThrowingTaskGroup(of: Reply?.self) { group in
            group.addTask {
                await client.run()
                return nil
            }
            defer { group.cancelAll() }
            let body: Data
            do {
                for _ in 0..<500 where !client.link.isConnected { try await Task.sleep(for: .milliseconds(20)) }
                let request = RPCRequest(caller: .anonymous, requestId: UUID().uuidString.lowercased(), payload: payload)
                body = try await client.call(routingKey: service.operation(operation), body: try WireJSON.encode(request), timeout: timeout)
                await client.link.shutdown()
            } catch {
                await client.link.shutdown()
                throw error
            }
            let decoded = try WireJSON.decode(RPCReply<Reply>.self, from: body)
            if let problem = decoded.error { throw problem }
            guard let ok = decoded.ok else { throw Problem.internalError }
            return ok
        }
    }

    /// Sets one of the service's own readiness conditions (reported by `/ready`).
    public func setReadiness(_ condition: String, _ ready: Bool) {
        readinessConditions.withLock { $0[condition] = ready }
    }

    /// Whether the database answers, the broker links are up, and the service's own conditions hold.
    public func readiness() async -> Readiness {
        let databaseUp = (try? await database.query("SELECT 1", logger: logger)) != nil
        let own = readinessConditions.withLock { $0 }
        return Readiness(service: service.rawValue,
                         checks: own.merging(["database": databaseUp, "broker": relayLink.isConnected]) { $1 })
    }

    /// Applies migrations, retrying while the database is not reachable yet.
    func migrate() async throws {
        let runner = MigrationRunner(schema: databaseConfiguration.schema, migrations: migrations)
        var attempt = 0
        while true {
            do {
                try await runner.run(on: database, logger: logger)
                return
            } catch let error as MigrationError {
                throw error
            } catch let error as PSQLError where !DatabaseFailure.isTransient(error) {
                // The server answered: the SQL is wrong or rights are missing. Waiting will not help.
                logger.critical("migration failed", metadata: ["error": "\(String(reflecting: error))"])
                throw error
            } catch {
                attempt += 1
                if attempt == 1 || attempt % 10 == 0 {
                    logger.warning("database not ready for migrations; retrying", metadata: ["error": "\(String(reflecting: error))"])
                }
                try await Task.sleep(for: .milliseconds(min(2_000, 100 * attempt)))
            }
        }
    }

    /// Runs one event delivery: inbox claim and effects in one transaction.
    func handle(_ delivery: Delivery, subscription: EventSubscription) async throws {
        guard let messageID = delivery.messageID else { throw PermanentFailure("event without message_id") }
        var logger = self.logger
        logger[metadataKey: "correlation_id"] = .string(delivery.correlationID ?? "-")
        logger[metadataKey: "event"] = .string(delivery.routingKey)
        let inbox = Inbox(schema: outbox.schema, consumer: subscription.queue)
        try await database.transaction(logger: logger) { connection in
            if try await inbox.claim(messageID, on: connection, logger: logger) {
                try await subscription.handler(delivery, connection, logger)
            } else {
                logger.debug("duplicate delivery ignored", metadata: ["message_id": "\(messageID)"])
            }
        }
        // No explicit relay wake-up: a handler that queued events also queued their NOTIFY, which
        // wakes every relay at commit; most events queue nothing, and a wake-up would cost an empty pass.
    }
}

/// Migrates, then runs relay, RPC server and consumers; on graceful shutdown stops the consumers
/// first, lets in-flight work finish, flushes the outbox and closes the links.
struct MainService: Service {
    let runtime: ServiceRuntime
    let rpcServer: RPCServer
    let eventLink: AMQPLink
    let subscriptions: [EventSubscription]
    let afterMigrations: @Sendable () async throws -> Void
    let afterSubscribed: @Sendable () async -> Void

    func run() async throws {
        try await runtime.migrate()
        try await afterMigrations()
        var lifecycle = runtime.logger
        lifecycle.logLevel = min(lifecycle.logLevel, .debug)  // names the task that held a slow shutdown up
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { [lifecycle] in
                try await runtime.relay.run()
                lifecycle.debug("task stopped", metadata: ["task": "outbox relay"])
            }
            group.addTask { [lifecycle] in
                await RuntimeGauges(runtime: runtime, consuming: [rpcServer.link, eventLink]).run()
                lifecycle.debug("task stopped", metadata: ["task": "gauges"])
            }
            group.addTask { [lifecycle] in
                await runtime.recordPerformance()
                lifecycle.debug("task stopped", metadata: ["task": "performance samples"])
            }
            group.addTask { [lifecycle] in
                // The event link declares and binds the queues when it connects.
                while !eventLink.isConnected && !eventLink.isFinished { try? await Task.sleep(for: .milliseconds(50)) }
                if eventLink.isConnected { await afterSubscribed() }
                lifecycle.debug("task stopped", metadata: ["task": "after subscribed"])
            }
            let shutdown = ConsumerShutdown(grace: runtime.environment.consumerShutdownGrace)
            let retry = RetryPolicy(handlerDeadline: runtime.environment.handlerDeadline, isTransient: DatabaseFailure.isTransient)
            await withGracefulShutdownHandler {
                await withDiscardingTaskGroup { consumers in
                    consumers.addTask {
                        await rpcServer.run(unknownOperation: RPCRoutes.unknown)
                    }
                    for subscription in subscriptions {
                        consumers.addTask {
                            let consumer = MessageConsumer(link: eventLink, queue: subscription.queue, retry: retry,
                                                           shutdown: shutdown, logger: runtime.logger)
                            await consumer.run { delivery in
                                try await runtime.handle(delivery, subscription: subscription)
                            }
                        }
                    }
                }
            } onGracefulShutdown: {
                shutdown.begin()
                Task {
                    await rpcServer.link.cancelConsumers()
                    await eventLink.cancelConsumers()
                }
            }
            runtime.logger.info("consumers stopped; flushing the outbox")
        }
        await rpcServer.link.shutdown()
        await eventLink.shutdown()
        await runtime.relayLink.shutdown()
    }
}
