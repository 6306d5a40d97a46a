import Contracts
import Domain
import Foundation
import Messaging
import ServiceKit

/// A consumed dossier event, kept generic: integration forwards events to partners as they are,
/// and reads only the few fields it acts on.
struct DossierEvent: Sendable {
    let id: UUID
    let routingKey: String
    let type: String
    let subject: String
    let sequence: Int64?
    let time: Date
    let data: JSONValue
    /// The body exactly as published (what partners receive).
    let body: Data

    init(_ delivery: Delivery) throws {
        let envelope = try EventSubscription.decode(JSONValue.self, from: delivery)
        guard let subject = envelope.subject ?? envelope.data["code"]?.stringValue else {
            throw PermanentFailure("dossier event without subject")
        }
        self.id = envelope.id
        self.routingKey = delivery.routingKey
        self.type = envelope.type
        self.subject = subject
        self.sequence = envelope.sequence
        self.time = envelope.time
        self.data = envelope.data
        self.body = delivery.body
    }

    /// The name partners subscribe to: `dossier.status-changed`, `dossier.result-issued`…
    var partnerName: String {
        routingKey.split(separator: ".").dropFirst().joined(separator: ".")
    }

    var agencyCode: String? { data["agencyCode"]?.stringValue }
    var procedureCode: String? { data["procedureCode"]?.stringValue }
    /// The national status code the dossier moved to (status-changed and step events).
    var toStatus: Int? { data["to"]?["code"]?.numberValue.map { Int($0) } }
}
