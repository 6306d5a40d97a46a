import Domain
import Foundation

/// `integration.subscription-create`: a partner's webhook registration, as sent
/// (`{url, events, filter: {agency, procedure}}`), validated by integration so that the problem
/// names the offending field.
public struct SubscriptionCreate: Codable, Sendable {
    public var body: JSONValue

    public init(body: JSONValue) { self.body = body }
}

/// What a subscription's deliveries are limited to.
public struct SubscriptionFilter: Codable, Sendable, Hashable {
    public var agency: String?
    public var procedure: String?

    public init(agency: String?, procedure: String?) {
        self.agency = agency
        self.procedure = procedure
    }
}

/// A webhook subscription. `secret` (`whsec_…`) is present only in the reply to its creation.
public struct SubscriptionView: Codable, Sendable, Hashable {
    public var id: UUID
    public var url: String
    public var events: [String]
    public var filter: SubscriptionFilter
    /// `active` or `disabled` (after failing for too long; `POST …/enable` turns it on again).
    public var status: String
    public var createdAt: Date
    public var disabledAt: Date?
    public var disabledReason: String?
    public var secret: String?
    /// The user id of the partner (or administrator) who registered it.
    public var owner: String?

    public init(id: UUID, url: String, events: [String], filter: SubscriptionFilter, status: String, createdAt: Date,
                disabledAt: Date?, disabledReason: String?, secret: String?, owner: String? = nil) {
        self.id = id
        self.url = url
        self.events = events
        self.filter = filter
        self.status = status
        self.createdAt = createdAt
        self.disabledAt = disabledAt
        self.disabledReason = disabledReason
        self.secret = secret
        self.owner = owner
    }
}

/// The caller's subscriptions.
public struct SubscriptionList: Codable, Sendable, Hashable {
    public var items: [SubscriptionView]

    public init(items: [SubscriptionView]) { self.items = items }
}

/// `integration.subscription-get`, `-delete`, `-enable`: one subscription by id (as typed in the path).
public struct SubscriptionReference: Codable, Sendable, Hashable {
    public var id: String

    public init(id: String) { self.id = id }
}

/// `integration.subscription-deliveries`: a page of a subscription's delivery log, newest first.
public struct DeliveryQuery: Codable, Sendable, Hashable {
    public var id: String
    /// `pending`, `delivered` or `dead`.
    public var status: String?
    public var page: Int
    public var pageSize: Int

    public init(id: String, status: String?, page: Int, pageSize: Int) {
        self.id = id
        self.status = status
        self.page = page
        self.pageSize = pageSize
    }
}

/// One delivery of one event to one subscription, with its latest attempt.
public struct DeliveryView: Codable, Sendable, Hashable {
    public var id: Int64
    /// The CloudEvents id, sent as `webhook-id`: the same on every attempt and every replay.
    public var eventId: UUID
    public var eventType: String
    public var subject: String?
    public var sequence: Int64?
    /// `pending`, `delivered` or `dead`.
    public var status: String
    public var attempts: Int
    public var lastStatus: Int?
    public var lastError: String?
    public var createdAt: Date
    public var lastAttemptAt: Date?
    public var nextAttemptAt: Date?
    public var deliveredAt: Date?
    /// True for a delivery made by a replay.
    public var replay: Bool

    public init(id: Int64, eventId: UUID, eventType: String, subject: String?, sequence: Int64?, status: String, attempts: Int,
                lastStatus: Int?, lastError: String?, createdAt: Date, lastAttemptAt: Date?, nextAttemptAt: Date?,
                deliveredAt: Date?, replay: Bool) {
        self.id = id
        self.eventId = eventId
        self.eventType = eventType
        self.subject = subject
        self.sequence = sequence
        self.status = status
        self.attempts = attempts
        self.lastStatus = lastStatus
        self.lastError = lastError
        self.createdAt = createdAt
        self.lastAttemptAt = lastAttemptAt
        self.nextAttemptAt = nextAttemptAt
        self.deliveredAt = deliveredAt
        self.replay = replay
    }
}

/// A page of a delivery log.
public struct DeliveryPage: Codable, Sendable, Hashable {
    public var items: [DeliveryView]
    public var page: Int
    public var pageSize: Int
    public var total: Int

    public init(items: [DeliveryView], page: Int, pageSize: Int, total: Int) {
        self.items = items
        self.page = page
        self.pageSize = pageSize
        self.total = total
    }
}

/// `integration.subscription-replay`: deliver again every matching event of a time range
/// (`{from, to}`, RFC 3339), with the events' own ids.
public struct ReplayRequest: Codable, Sendable {
    public var id: String
    public var body: JSONValue

    public init(id: String, body: JSONValue) {
        self.id = id
        self.body = body
    }
}

/// How many deliveries a replay queued.
public struct ReplayResult: Codable, Sendable, Hashable {
    public var queued: Int

    public init(queued: Int) { self.queued = queued }
}

/// `integration.payment-callback`: the payment platform's callback exactly as received, so that
/// integration checks the signature over the very bytes that were signed.
public struct PaymentCallback: Codable, Sendable {
    public var bodyBase64: String
    /// The `X-Payment-Signature` header (`sha256=<hex HMAC-SHA256 of the body>`).
    public var signature: String?

    public init(bodyBase64: String, signature: String?) {
        self.bodyBase64 = bodyBase64
        self.signature = signature
    }
}

/// The outcome of a verified callback: `applied` the first time, `duplicate` after.
public struct PaymentCallbackResult: Codable, Sendable, Hashable {
    public var orderId: UUID
    public var dossierCode: String
    public var status: String

    public init(orderId: UUID, dossierCode: String, status: String) {
        self.orderId = orderId
        self.dossierCode = dossierCode
        self.status = status
    }
}

/// `integration.portal-submit`: a dossier submitted on the National Public Service Portal, in the
/// portal's shape, to enter intake on the online channel.
public struct PortalDossierSubmission: Codable, Sendable {
    public var body: JSONValue

    public init(body: JSONValue) { self.body = body }
}

/// The reply to a portal submission: the portal's own code beside ours.
public struct PortalSubmissionReceipt: Codable, Sendable, Hashable {
    /// The portal's dossier code (`MaHoSo` as sent).
    public var portalCode: String
    /// Our dossier code.
    public var code: String
    public var status: StatusView
    public var submittedAt: Date
    public var lookupToken: String?
    public var replayed: Bool

    public init(portalCode: String, code: String, status: StatusView, submittedAt: Date, lookupToken: String?, replayed: Bool) {
        self.portalCode = portalCode
        self.code = code
        self.status = status
        self.submittedAt = submittedAt
        self.lookupToken = lookupToken
        self.replayed = replayed
    }
}

/// `integration.subscription.disabled`: an endpoint that kept failing was turned off.
public struct SubscriptionDisabled: Codable, Sendable, Hashable {
    public var id: UUID
    public var ownerId: String
    public var url: String
    public var reason: String
    public var at: Date

    public init(id: UUID, ownerId: String, url: String, reason: String, at: Date) {
        self.id = id
        self.ownerId = ownerId
        self.url = url
        self.reason = reason
        self.at = at
    }
}

/// `integration.portal.sync-failed`: a dossier's change could not reach the national portal within
/// the bound and waits, with the changes after it, for an operator's replay.
public struct PortalSyncFailed: Codable, Sendable, Hashable {
    public var code: String
    public var eventId: UUID
    public var sequence: Int64?
    public var reason: String
    public var at: Date

    public init(code: String, eventId: UUID, sequence: Int64?, reason: String, at: Date) {
        self.code = code
        self.eventId = eventId
        self.sequence = sequence
        self.reason = reason
        self.at = at
    }
}

extension EventName {
    public static let subscriptionDisabled = EventName(routingKey: "integration.subscription.disabled")
    public static let portalSyncFailed = EventName(routingKey: "integration.portal.sync-failed")
}
