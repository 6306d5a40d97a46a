import Contracts
import Foundation
import Logging
import Messaging
import ServiceKit
import ServiceLifecycle

/// The gateway's private queue of the events that change what its caches keep: every event of
/// processing (a dossier's status, history, deadline, rating: the event's subject is the dossier
/// code) and catalog's procedure events. Exclusive to this instance and deleted with its
/// connection; while the connection is down nothing is served from a cache (`CacheVersions`), and
/// after it is back every earlier answer counts as stale, since events may have been missed.
final class InvalidationFeed: Service, Sendable {
    static let routingKeys = ["processing.#", "catalog.procedure.#"]

    let link: AMQPLink
    let queue: String
    let logger: Logger
    /// The versions the feed raises; they trust only this feed's connection.
    let versions: CacheVersions

    init(configuration: AMQPConfiguration, logger: Logger) {
        let queue = "gateway.cache." + UUID().uuidString.lowercased()
        let link = AMQPLink(configuration: configuration,
                            options: LinkOptions(name: "gateway-cache", confirms: false,
                                                 topology: Topology(queues: [Topology.exclusiveEventQueue(queue, routingKeys: Self.routingKeys)])),
                            logger: logger)
        self.link = link
        self.queue = queue
        self.logger = logger
        self.versions = CacheVersions { link.isConnected ? link.connectionCount : nil }
    }

    func run() async throws {
        await withGracefulShutdownHandler {
            for await delivery in link.consume(queue: queue, noAck: true) {
                if let topic = Self.topic(of: delivery.routingKey, body: delivery.body) { versions.changed(topic) }
            }
        } onGracefulShutdown: {
            Task { await self.link.shutdown() }
        }
    }

    private struct Subject: Decodable { let subject: String? }

    /// The cache topic an event changes; nil for an event about nothing cached.
    static func topic(of routingKey: String, body: Data) -> String? {
        if routingKey.hasPrefix("catalog.procedure.") { return CacheTopic.catalog }
        guard routingKey.hasPrefix("processing."),
              let subject = (try? JSONDecoder().decode(Subject.self, from: body))?.subject else { return nil }
        return CacheTopic.dossier(subject)
    }
}
