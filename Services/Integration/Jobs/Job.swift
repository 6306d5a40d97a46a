import Domain
import Foundation

/// What a job sends.
enum JobKind: String, Sendable, CaseIterable {
    /// A status change to the national portal (lane: the dossier, in sequence order).
    case portal
    /// One event to one partner subscription.
    case webhook
    /// Works out who to tell about a change and queues their email and SMS.
    case notify
    case email
    case sms
    /// A payment request to the payment platform.
    case paymentRequest = "payment-request"
    /// A paid order confirmed to processing (`confirm-payment`).
    case confirmPayment = "confirm-payment"
}

/// One row of `integration.jobs` as claimed by a worker.
struct Job: Sendable {
    let id: Int64
    let kind: JobKind
    let subscriptionID: UUID?
    let eventID: UUID?
    let subject: String?
    let payload: JSONValue
    /// Attempts so far, this one included.
    let attempts: Int
}

/// A job to insert.
struct NewJob: Sendable {
    var kind: JobKind
    /// Unique: a second insert with the same key is a no-op (redelivered events queue nothing twice).
    var dedupeKey: String
    var lane: String? = nil
    var laneOrder: Int64? = nil
    var subscriptionID: UUID? = nil
    var eventID: UUID? = nil
    var subject: String? = nil
    var payload: JSONValue
}

/// How one attempt ended.
enum JobOutcome: Sendable {
    case delivered(status: Int?)
    /// Try again after the back-off, unless the job's bound has passed.
    case retry(status: Int?, error: String)
    /// No point retrying (e.g. a subscription deleted meanwhile): dead-lettered now.
    case dead(status: Int?, error: String)
}

extension JSONValue {
    subscript(key: String) -> JSONValue? { objectValue?[key] }

    var numberValue: Double? {
        if case .number(let value) = self { value } else { nil }
    }

    var arrayValue: [JSONValue]? {
        if case .array(let value) = self { value } else { nil }
    }
}
