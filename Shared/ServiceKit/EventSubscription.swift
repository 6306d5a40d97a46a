import Contracts
import Foundation
import Logging
import Messaging
import PostgresNIO

/// An event queue a service consumes and what it does with each event, inside one database
/// transaction that also records the message id in the inbox (duplicates have no effect).
public struct EventSubscription: Sendable {
    public typealias Handler = @Sendable (Delivery, PostgresConnection, Logger) async throws -> Void

    /// `<service>.<purpose>`.
    public let queue: String
    /// Routing keys on `onegate.events` (topic patterns allowed).
    public let routingKeys: [String]
    public let handler: Handler

    public init(queue: String, routingKeys: [String], handler: @escaping Handler) {
        self.queue = queue
        self.routingKeys = routingKeys
        self.handler = handler
    }

    /// Decodes an event body; a body that does not decode can never succeed, so it is a permanent failure.
    public static func decode<Payload: Codable & Sendable>(_ type: Payload.Type, from delivery: Delivery) throws -> EventEnvelope<Payload> {
        do {
            return try WireJSON.decode(EventEnvelope<Payload>.self, from: delivery.body)
        } catch {
            throw PermanentFailure("undecodable \(delivery.routingKey) event: \(error)")
        }
    }
}
