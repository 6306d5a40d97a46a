import Foundation
import Domain

/// A status as shown to callers: the national code and its Vietnamese name.
public struct StatusView: Codable, Sendable, Hashable {
    public var code: Int
    public var name: String

    public init(_ status: NationalStatus) {
        self.code = status.rawValue
        self.name = status.vietnameseName
    }
}

/// `intake.submit`: the raw JSON body (validated by intake) and the idempotency key if any.
public struct SubmitDossier: Codable, Sendable {
    public var body: JSONValue
    public var idempotencyKey: String?
    /// For a portal dossier entered by integration (as `system`): the partner account that sent
    /// it, as the gateway verified it. Intake checks its `portal-submitter` right.
    public var portalPartner: Caller?

    public init(body: JSONValue, idempotencyKey: String?, portalPartner: Caller? = nil) {
        self.body = body
        self.idempotencyKey = idempotencyKey
        self.portalPartner = portalPartner
    }
}

/// The reply to a submission (API.md: `201` with code, status, dueAt, lookupToken).
public struct SubmissionReceipt: Codable, Sendable, Hashable {
    public var code: String
    public var status: StatusView
    public var submittedAt: Date
    public var dueAt: Date?
    /// Shown once, to the submitter; only its hash is stored.
    public var lookupToken: String?
    /// True when an earlier request with the same `Idempotency-Key` created this dossier.
    public var replayed: Bool

    public init(code: String, status: StatusView, submittedAt: Date, dueAt: Date?, lookupToken: String?, replayed: Bool) {
        self.code = code
        self.status = status
        self.submittedAt = submittedAt
        self.dueAt = dueAt
        self.lookupToken = lookupToken
        self.replayed = replayed
    }
}

/// `intake.get` / `processing.status`: find a dossier by code, proving access with the lookup token.
public struct DossierLookup: Codable, Sendable {
    public var code: String
    public var lookupToken: String?

    public init(code: String, lookupToken: String?) {
        self.code = code
        self.lookupToken = lookupToken
    }
}

/// What intake knows of a dossier (the reduced, public view: no personal data).
public struct IntakeDossierView: Codable, Sendable, Hashable {
    public var code: String
    public var procedureCode: String
    public var agencyCode: String
    public var channel: SubmissionChannel
    public var applicantKind: ApplicantKind
    public var submittedAt: Date
    public var status: StatusView

    public init(code: String, procedureCode: String, agencyCode: String, channel: SubmissionChannel,
                applicantKind: ApplicantKind, submittedAt: Date, status: StatusView) {
        self.code = code
        self.procedureCode = procedureCode
        self.agencyCode = agencyCode
        self.channel = channel
        self.applicantKind = applicantKind
        self.submittedAt = submittedAt
        self.status = status
    }
}

/// One recorded status change of a case.
public struct StatusHistoryEntry: Codable, Sendable, Hashable {
    public var status: StatusView
    public var state: String
    public var at: Date
    public var actor: String
    public var reason: String?
    /// The action that made the change (`receive`, `assign`…); nil for the submission.
    public var action: String?
    /// The org unit the actor acted for (its code); nil for the applicant and the system.
    public var unit: String?

    public init(status: StatusView, state: String, at: Date, actor: String, reason: String?, action: String? = nil,
                unit: String? = nil) {
        self.status = status
        self.state = state
        self.at = at
        self.actor = actor
        self.reason = reason
        self.action = action
        self.unit = unit
    }
}

/// The submission's facts as processing copied them from intake's handover, so that a lookup by
/// token is answered by processing alone.
public struct CaseSubmission: Codable, Sendable, Hashable {
    public var procedureCode: String
    public var agencyCode: String
    public var channel: SubmissionChannel
    public var applicantKind: ApplicantKind
    public var submittedAt: Date

    public init(procedureCode: String, agencyCode: String, channel: SubmissionChannel, applicantKind: ApplicantKind, submittedAt: Date) {
        self.procedureCode = procedureCode
        self.agencyCode = agencyCode
        self.channel = channel
        self.applicantKind = applicantKind
        self.submittedAt = submittedAt
    }
}

/// What processing knows of a case.
public struct CaseView: Codable, Sendable, Hashable {
    public var code: String
    public var status: StatusView
    /// The internal state (finer than the national status).
    public var state: String
    public var dueAt: Date?
    public var history: [StatusHistoryEntry]
    /// Nil when processing lacks a fact (a case opened without the applicant's kind).
    public var submission: CaseSubmission?
    /// What the dossier waits for from the applicant now (a supplement, a payment); nil otherwise.
    public var applicantTask: ApplicantTask?

    public init(code: String, status: StatusView, state: String, dueAt: Date?, history: [StatusHistoryEntry],
                submission: CaseSubmission? = nil, applicantTask: ApplicantTask? = nil) {
        self.code = code
        self.status = status
        self.state = state
        self.dueAt = dueAt
        self.history = history
        self.submission = submission
        self.applicantTask = applicantTask
    }
}

/// The request the applicant must answer: the items an officer asked to supplement, or the
/// amount in đồng to pay, as the request recorded them.
public struct ApplicantTask: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable {
        case supplement, pay
    }

    public var kind: Kind
    public var missingItems: [String]
    public var amount: Int64?
    public var requestedAt: Date

    public init(kind: Kind, missingItems: [String] = [], amount: Int64? = nil, requestedAt: Date) {
        self.kind = kind
        self.missingItems = missingItems
        self.amount = amount
        self.requestedAt = requestedAt
    }
}

/// `intake.dossier.submitted` (EVENTS.md). The applicant's id number is masked: owners ask intake.
public struct DossierSubmitted: Codable, Sendable, Hashable {
    public var code: String
    public var procedureCode: String
    /// The procedure version the dossier was submitted under (it is handled under it to the end).
    public var procedureVersion: Int?
    public var agencyCode: String
    public var channel: SubmissionChannel
    public var applicantKind: ApplicantKind
    public var applicantIdMasked: String
    public var submittedAt: Date
    /// Each dossier's event lookup token hash lets processing answer anonymous status lookups.
    public var lookupTokenHash: String
    /// The applicant in full, for the forms processing issues (internal: never sent to partners).
    public var applicant: ApplicantSummary?
    /// The signed-in citizen or organisation who submitted online: the dossier's owner.
    public var ownerId: String?
    /// Who entered a counter or postal submission (the one-stop officer).
    public var enteredBy: ActorRef?
    /// The components handed in: `[componentCode: documentId]` pairs in order.
    public var attachments: [Submission.Attachment]?

    public init(code: String, procedureCode: String, procedureVersion: Int?, agencyCode: String, channel: SubmissionChannel,
                applicantKind: ApplicantKind, applicantIdMasked: String, submittedAt: Date, lookupTokenHash: String,
                applicant: ApplicantSummary? = nil, ownerId: String? = nil, enteredBy: ActorRef? = nil,
                attachments: [Submission.Attachment]? = nil) {
        self.applicant = applicant
        self.ownerId = ownerId
        self.enteredBy = enteredBy
        self.attachments = attachments
        self.code = code
        self.procedureCode = procedureCode
        self.procedureVersion = procedureVersion
        self.agencyCode = agencyCode
        self.channel = channel
        self.applicantKind = applicantKind
        self.applicantIdMasked = applicantIdMasked
        self.submittedAt = submittedAt
        self.lookupTokenHash = lookupTokenHash
    }
}

/// `processing.dossier.status-changed` (EVENTS.md).
public struct DossierStatusChanged: Codable, Sendable, Hashable {
    public struct Side: Codable, Sendable, Hashable {
        public var code: Int
        public var name: String
        public var state: String

        public init(status: NationalStatus, state: String) {
            self.code = status.rawValue
            self.name = status.vietnameseName
            self.state = state
        }
    }

    public var code: String
    public var from: Side?
    public var to: Side
    public var at: Date
    public var actor: String
    public var reason: String?
    public var dueAt: Date?
    public var agencyCode: String
    public var procedureCode: String
    public var channel: SubmissionChannel
    /// Who made the change: id, name, role and unit (`actor` is the name alone).
    public var actorDetail: ActorRef?
    /// The action that made the change; nil for the submission.
    public var action: String?

    public init(code: String, from: Side?, to: Side, at: Date, actor: String, reason: String?, dueAt: Date?,
                agencyCode: String, procedureCode: String, channel: SubmissionChannel,
                actorDetail: ActorRef? = nil, action: String? = nil) {
        self.actorDetail = actorDetail
        self.action = action
        self.code = code
        self.from = from
        self.to = to
        self.at = at
        self.actor = actor
        self.reason = reason
        self.dueAt = dueAt
        self.agencyCode = agencyCode
        self.procedureCode = procedureCode
        self.channel = channel
    }
}
