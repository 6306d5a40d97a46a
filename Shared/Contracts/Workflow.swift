import Domain
import Foundation

/// `processing.act`: one step of the process (`POST /api/v1/dossiers/{code}/{action}`). `body`
/// is the client's JSON, parsed by processing with `ActionRequest.parse`.
public struct DossierActionCommand: Codable, Sendable {
    public var code: String
    /// The action's path segment, e.g. `receive`, `request-supplement`.
    public var action: String
    public var body: JSONValue
    /// The client's `Idempotency-Key`: a retry with the same key and body answers the first
    /// outcome again and changes nothing.
    public var idempotencyKey: String?
    /// An anonymous applicant's lookup token (the web status page): with it, processing lets the
    /// holder withdraw the dossier or answer a supplement request, nothing else.
    public var lookupToken: String?

    public init(code: String, action: String, body: JSONValue, idempotencyKey: String? = nil, lookupToken: String? = nil) {
        self.code = code
        self.action = action
        self.body = body
        self.idempotencyKey = idempotencyKey
        self.lookupToken = lookupToken
    }
}

/// The reply to an accepted action.
public struct ActionOutcome: Codable, Sendable, Hashable {
    public var code: String
    public var action: String
    public var from: DossierStatusChanged.Side
    public var to: DossierStatusChanged.Side
    public var at: Date
    public var dueAt: Date?
    /// The form the action issued (`01`…`05`), to fetch at `/forms/{number}`.
    public var form: String?
    /// For `issue-result`: the e-result codes `{dossier code}-KQ{n}`.
    public var resultCodes: [String]
    /// The dossier's event sequence after the action.
    public var sequence: Int64
    /// True when an earlier request with the same `Idempotency-Key` took this action.
    public var replayed: Bool?

    public init(code: String, action: String, from: DossierStatusChanged.Side, to: DossierStatusChanged.Side, at: Date,
                dueAt: Date?, form: String?, resultCodes: [String], sequence: Int64) {
        self.code = code
        self.action = action
        self.from = from
        self.to = to
        self.at = at
        self.dueAt = dueAt
        self.form = form
        self.resultCodes = resultCodes
        self.sequence = sequence
    }
}

/// `processing.case`, `processing.timeline`: a dossier by code, for an authenticated caller.
public struct CaseReference: Codable, Sendable, Hashable {
    public var code: String
    public init(code: String) { self.code = code }
}

/// The applicant as officers and the applicant see them.
public struct ApplicantSummary: Codable, Sendable, Hashable {
    public var kind: ApplicantKind
    public var name: String
    public var idNumber: String
    public var phone: String?
    public var email: String?
    public var address: String?

    public init(kind: ApplicantKind, name: String, idNumber: String, phone: String?, email: String?, address: String?) {
        self.kind = kind
        self.name = name
        self.idNumber = idNumber
        self.phone = phone
        self.email = email
        self.address = address
    }
}

/// The workflow step a dossier is at.
public struct StepView: Codable, Sendable, Hashable {
    /// From 1, among the procedure's handling steps.
    public var number: Int
    public var of: Int
    public var name: String?
    public var role: String
    public var orgUnit: String

    public init(number: Int, of: Int, name: String?, role: String, orgUnit: String) {
        self.number = number
        self.of = of
        self.name = name
        self.role = role
        self.orgUnit = orgUnit
    }
}

/// A form issued for a dossier.
public struct IssuedFormRef: Codable, Sendable, Hashable {
    public var number: String
    public var name: String
    public var issuedAt: Date

    public init(number: String, name: String, issuedAt: Date) {
        self.number = number
        self.name = name
        self.issuedAt = issuedAt
    }
}

/// One event of a dossier's deadline clock: `received`, `suspended`, `resumed` (with the
/// procedure's policy, `restart` or `resume`) or `extended`, and the due moment it set.
public struct DeadlineEntry: Codable, Sendable, Hashable {
    public var event: String
    public var at: Date
    public var due: Date?
    public var policy: String?

    public init(_ event: DeadlineEvent) {
        switch event {
        case .received(let at, let due): (self.event, self.at, self.due, self.policy) = ("received", at.date, due.date, nil)
        case .suspended(let at): (self.event, self.at, self.due, self.policy) = ("suspended", at.date, nil, nil)
        case .resumed(let at, let policy, let due): (self.event, self.at, self.due, self.policy) = ("resumed", at.date, due.date, policy.rawValue)
        case .extended(let at, _, let to): (self.event, self.at, self.due, self.policy) = ("extended", at.date, to.date, nil)
        }
    }
}

/// `processing.case`: the whole dossier for its applicant and the officers of its agencies.
public struct CaseDetail: Codable, Sendable, Hashable {
    public var code: String
    public var procedureCode: String
    public var procedureVersion: Int?
    public var procedureName: String?
    public var agencyCode: String
    public var channel: SubmissionChannel
    public var applicant: ApplicantSummary?
    public var submittedAt: Date
    public var receivedAt: Date?
    public var status: StatusView
    public var state: String
    public var currentStep: StepView?
    public var assignee: ActorRef?
    public var dueAt: Date?
    public var overdue: Bool
    public var suspended: Bool
    public var extended: Bool
    public var pendingConsultations: [String]
    public var resultCodes: [String]
    /// The deadline clock's history.
    public var deadline: [DeadlineEntry]
    public var forms: [IssuedFormRef]
    /// What the caller may do now (the action names of `POST /api/v1/dossiers/{code}/{action}`).
    public var allowedActions: [String]
    public var history: [StatusHistoryEntry]

    public init(code: String, procedureCode: String, procedureVersion: Int?, procedureName: String?, agencyCode: String,
                channel: SubmissionChannel, applicant: ApplicantSummary?, submittedAt: Date, receivedAt: Date?,
                status: StatusView, state: String, currentStep: StepView?, assignee: ActorRef?, dueAt: Date?, overdue: Bool,
                suspended: Bool, extended: Bool, pendingConsultations: [String], resultCodes: [String], deadline: [DeadlineEntry],
                forms: [IssuedFormRef], allowedActions: [String], history: [StatusHistoryEntry]) {
        self.deadline = deadline
        self.code = code
        self.procedureCode = procedureCode
        self.procedureVersion = procedureVersion
        self.procedureName = procedureName
        self.agencyCode = agencyCode
        self.channel = channel
        self.applicant = applicant
        self.submittedAt = submittedAt
        self.receivedAt = receivedAt
        self.status = status
        self.state = state
        self.currentStep = currentStep
        self.assignee = assignee
        self.dueAt = dueAt
        self.overdue = overdue
        self.suspended = suspended
        self.extended = extended
        self.pendingConsultations = pendingConsultations
        self.resultCodes = resultCodes
        self.forms = forms
        self.allowedActions = allowedActions
        self.history = history
    }
}

/// `processing.queue` (`GET /api/v1/dossiers?…`): the caller's work queue. Officers see the
/// dossiers of the agencies within their units; applicants see their own.
public struct WorkQueueQuery: Codable, Sendable, Hashable {
    /// National status codes 1–10.
    public var status: [Int]?
    public var state: String?
    public var agency: String?
    public var procedure: String?
    /// `me` for the caller's own assignments, or a user id or username.
    public var assignee: String?
    /// The org unit holding the dossier now (a desk, a division): a unit's queue.
    public var unit: String?
    public var overdue: Bool?
    /// Due within this many hours (and not yet overdue).
    public var dueWithinHours: Int?
    public var page: Int
    public var pageSize: Int
    /// Only the dossiers the caller owns as applicant, newest first (the portal's "my dossiers");
    /// otherwise the caller's whole queue, soonest due first.
    public var mine: Bool?
    /// Only dossiers whose last recorded action is this one (`DossierAction.Kind` raw value), e.g.
    /// `supplement`: the supplements received and not yet acted upon (the workspace's queue tab).
    public var lastAction: String?
    /// `due` (the default: soonest due first, dossiers without a due date last) or `due-desc`
    /// (latest due first, without a due date still last). Ignored with `mine`.
    public var order: String?

    public init(status: [Int]? = nil, state: String? = nil, agency: String? = nil, procedure: String? = nil,
                assignee: String? = nil, unit: String? = nil, overdue: Bool? = nil, dueWithinHours: Int? = nil,
                page: Int = 1, pageSize: Int = 20, mine: Bool? = nil, lastAction: String? = nil, order: String? = nil) {
        self.mine = mine
        self.lastAction = lastAction
        self.order = order
        self.unit = unit
        self.status = status
        self.state = state
        self.agency = agency
        self.procedure = procedure
        self.assignee = assignee
        self.overdue = overdue
        self.dueWithinHours = dueWithinHours
        self.page = page
        self.pageSize = pageSize
    }
}

/// `processing.queue.counts`: the totals of several work-queue queries at once (the workspace's
/// tabs), each as `processing.queue` would give it; their pages are ignored.
public struct WorkQueueCountsQuery: Codable, Sendable, Hashable {
    /// How many queries one request may hold.
    public static let maximumQueries = 20
    public var queries: [WorkQueueQuery]

    public init(queries: [WorkQueueQuery]) { self.queries = queries }
}

/// The answer of `processing.queue.counts`: one total per query, in their order.
public struct WorkQueueCounts: Codable, Sendable, Hashable {
    public var totals: [Int]

    public init(totals: [Int]) { self.totals = totals }
}

/// One line of a work queue.
public struct WorkQueueItem: Codable, Sendable, Hashable {
    public var code: String
    public var procedureCode: String
    public var procedureName: String?
    public var agencyCode: String
    public var channel: SubmissionChannel
    public var applicantName: String?
    public var status: StatusView
    public var state: String
    public var assignee: String?
    public var submittedAt: Date
    public var receivedAt: Date?
    public var dueAt: Date?
    public var overdue: Bool

    public init(code: String, procedureCode: String, procedureName: String?, agencyCode: String, channel: SubmissionChannel,
                applicantName: String?, status: StatusView, state: String, assignee: String?, submittedAt: Date,
                receivedAt: Date?, dueAt: Date?, overdue: Bool) {
        self.code = code
        self.procedureCode = procedureCode
        self.procedureName = procedureName
        self.agencyCode = agencyCode
        self.channel = channel
        self.applicantName = applicantName
        self.status = status
        self.state = state
        self.assignee = assignee
        self.submittedAt = submittedAt
        self.receivedAt = receivedAt
        self.dueAt = dueAt
        self.overdue = overdue
    }
}

/// One hand-over on the control slip (form 06).
public struct TimelineEntry: Codable, Sendable, Hashable {
    public var sequence: Int
    public var action: String
    public var fromState: String?
    public var toState: String
    public var status: StatusView
    public var actor: ActorRef
    public var at: Date
    /// The step that starts with this hand-over, and its deadline.
    public var step: String?
    public var stepDueAt: Date?
    /// When the step ended (the next hand-over); nil while it runs.
    public var finishedAt: Date?
    /// Whether the step ended by its deadline; nil while it runs or when it had none.
    public var onTime: Bool?
    public var reason: String?
    public var note: String?

    public init(sequence: Int, action: String, fromState: String?, toState: String, status: StatusView, actor: ActorRef,
                at: Date, step: String?, stepDueAt: Date?, finishedAt: Date?, onTime: Bool?, reason: String?, note: String?) {
        self.sequence = sequence
        self.action = action
        self.fromState = fromState
        self.toState = toState
        self.status = status
        self.actor = actor
        self.at = at
        self.step = step
        self.stepDueAt = stepDueAt
        self.finishedAt = finishedAt
        self.onTime = onTime
        self.reason = reason
        self.note = note
    }
}

/// `processing.timeline`: the control slip.
public struct Timeline: Codable, Sendable, Hashable {
    public var code: String
    public var dueAt: Date?
    public var entries: [TimelineEntry]

    public init(code: String, dueAt: Date?, entries: [TimelineEntry]) {
        self.code = code
        self.dueAt = dueAt
        self.entries = entries
    }
}

/// `processing.form`: a form of a dossier, as HTML or PDF.
public struct FormRequest: Codable, Sendable, Hashable {
    public var code: String
    /// `01` … `07`.
    public var number: String
    /// `html` or `pdf`.
    public var format: String
    /// Form 01 only: the dossier's lookup token (from the submission's answer), checked against
    /// the dossier's hash and then printed with the status page's QR code; never stored.
    public var lookupToken: String?

    public init(code: String, number: String, format: String, lookupToken: String? = nil) {
        self.code = code
        self.number = number
        self.format = format
        self.lookupToken = lookupToken
    }
}

/// A rendered form.
public struct RenderedForm: Codable, Sendable, Hashable {
    public var mediaType: String
    public var filename: String
    /// The bytes, base64-encoded.
    public var body: String

    public init(mediaType: String, filename: String, body: String) {
        self.mediaType = mediaType
        self.filename = filename
        self.body = body
    }
}

/// `processing.dossier.<event>` for every workflow action (EVENTS.md): what happened, with the
/// step's data, so reporting and integration need not call back.
public struct DossierStepEvent: Codable, Sendable, Hashable {
    public var code: String
    /// The action (`receive`, `assign`, …).
    public var action: String
    public var actor: ActorRef
    public var at: Date
    public var from: DossierStatusChanged.Side
    public var to: DossierStatusChanged.Side
    /// The handling step after the action, from 1, when the dossier is in handling.
    public var step: Int?
    public var dueAt: Date?
    public var agencyCode: String
    public var procedureCode: String
    public var channel: SubmissionChannel
    /// The action's data as accepted (reasons, missing items, assignee, agencies, amount…).
    public var data: JSONValue
    /// The e-result codes, for `result-issued`.
    public var resultCodes: [String]?
    public var form: String?
    /// The dossier's owner (the applicant's user id), on `.result-issued`: the e-results go to
    /// their electronic data store.
    public var ownerId: String?

    public init(code: String, action: String, actor: ActorRef, at: Date, from: DossierStatusChanged.Side,
                to: DossierStatusChanged.Side, step: Int?, dueAt: Date?, agencyCode: String, procedureCode: String,
                channel: SubmissionChannel, data: JSONValue, resultCodes: [String]?, form: String?, ownerId: String? = nil) {
        self.ownerId = ownerId
        self.code = code
        self.action = action
        self.actor = actor
        self.at = at
        self.from = from
        self.to = to
        self.step = step
        self.dueAt = dueAt
        self.agencyCode = agencyCode
        self.procedureCode = procedureCode
        self.channel = channel
        self.data = data
        self.resultCodes = resultCodes
        self.form = form
    }
}

/// `processing.dossier.deadline-approaching` / `.overdue`.
public struct DossierDeadlineEvent: Codable, Sendable, Hashable {
    public var code: String
    public var dueAt: Date
    public var at: Date
    public var unit: String?
    public var assignee: String?
    public var agencyCode: String
    public var procedureCode: String

    public init(code: String, dueAt: Date, at: Date, unit: String?, assignee: String?, agencyCode: String, procedureCode: String) {
        self.code = code
        self.dueAt = dueAt
        self.at = at
        self.unit = unit
        self.assignee = assignee
        self.agencyCode = agencyCode
        self.procedureCode = procedureCode
    }
}

extension EventName {
    /// `processing.dossier.<event>` for a workflow event.
    public static func processing(_ event: WorkflowEvent) -> EventName {
        EventName(routingKey: "processing.\(event.rawValue)")
    }

    public static let dossierDeadlineApproaching = EventName(routingKey: "processing.dossier.deadline-approaching")
    public static let dossierOverdue = EventName(routingKey: "processing.dossier.overdue")
}

extension ApplicantSummary {
    /// The applicant as submitted.
    public init(_ applicant: Submission.Applicant) {
        self.init(kind: applicant.kind, name: applicant.name, idNumber: applicant.idNumber, phone: applicant.phone,
                  email: applicant.email, address: applicant.address)
    }
}
