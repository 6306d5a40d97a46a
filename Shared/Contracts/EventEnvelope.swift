import Foundation

/// A domain event in the CloudEvents 1.0 JSON structured form (EVENTS.md, "Envelope").
public struct EventEnvelope<Payload: Codable & Sendable>: Codable, Sendable {
    public var specversion: String = "1.0"
    /// Unique and stable: redelivery and replay carry the same id.
    public var id: UUID
    /// `onegate/<service>`.
    public var source: String
    /// `vn.onegate.<aggregate>.<event>.v<n>`.
    public var type: String
    public var time: Date
    /// The dossier code (or other aggregate id) the event is about.
    public var subject: String?
    public var datacontenttype: String = "application/json"
    /// Strictly increasing per subject; consumers use it to order and to drop what they have.
    public var sequence: Int64?
    public var data: Payload

    public init(id: UUID = UUID(), source: String, type: String, time: Date = Date(),
                subject: String?, sequence: Int64?, data: Payload) {
        self.id = id
        self.source = source
        self.type = type
        self.time = time
        self.subject = subject
        self.sequence = sequence
        self.data = data
    }
}

/// The names of the events on `onegate.events`: routing key and CloudEvents type together.
public struct EventName: Sendable, Hashable {
    /// `<service>.<aggregate>.<event>`.
    public let routingKey: String
    /// `vn.onegate.<aggregate>.<event>.v<n>`.
    public let type: String

    public init(routingKey: String, version: Int = 1) {
        self.routingKey = routingKey
        let withoutService = routingKey.split(separator: ".").dropFirst().joined(separator: ".")
        self.type = "vn.onegate.\(withoutService).v\(version)"
    }

    public static let dossierSubmitted = EventName(routingKey: "intake.dossier.submitted")
    /// The same submission in full (applicant, owner, officer, components) for processing, and
    /// for documents, which reads only the code, agency, owner and components: a routing key no
    /// `intake.dossier.*` binding matches, so personal data reaches no partner or read model.
    public static let dossierHandedOver = EventName(routingKey: "intake.handover.submitted")
    public static let dossierStatusChanged = EventName(routingKey: "processing.dossier.status-changed")
    public static let procedurePublished = EventName(routingKey: "catalog.procedure.published")
    public static let procedureRetired = EventName(routingKey: "catalog.procedure.retired")
    public static let calendarChanged = EventName(routingKey: "catalog.calendar.changed")
    public static let orgUnitChanged = EventName(routingKey: "identity.org-unit.changed")
    public static let userChanged = EventName(routingKey: "identity.user.changed")
}
