/// One dossier event as reporting reads it (`intake.dossier.submitted`, `processing.dossier.*`),
/// reduced to what the read models need. Built from the wire by the reporting service.
public struct DossierHappening: Sendable, Hashable {
    /// What happened.
    public enum Kind: Sendable, Hashable {
        /// `intake.dossier.submitted`.
        case submitted
        /// `processing.dossier.status-changed` or a finer `processing.dossier.<event>`: the dossier
        /// moved to `status` (national code) and internal `state`. `event` is the routing key's last
        /// part (`status-changed`, `received`, `step-completed`, `approved`…).
        case transition(event: String, status: Int, state: String)
        /// `processing.dossier.overdue` / `.deadline-approaching`: no transition, but the unit
        /// holding the dossier and its assignee.
        case deadline
    }

    /// The actor of a transition (`actorDetail` / `actor`).
    public typealias Actor = ActorRef

    public var kind: Kind
    /// The per-dossier sequence of the envelope (intake's event is 1).
    public var sequence: Int64
    public var at: Moment
    public var agencyCode: String
    public var procedureCode: String
    public var channel: SubmissionChannel?
    /// The due moment the event carries (set once the clock started; moved by an extension or a
    /// resumption).
    public var dueAt: Moment?
    public var actor: Actor?
    /// The unit holding the dossier (deadline events).
    public var unit: String?
    /// The assignee (the `assign` action's data, or deadline events).
    public var assignee: String?

    public init(kind: Kind, sequence: Int64, at: Moment, agencyCode: String, procedureCode: String,
                channel: SubmissionChannel?, dueAt: Moment? = nil, actor: Actor? = nil, unit: String? = nil,
                assignee: String? = nil) {
        self.kind = kind
        self.sequence = sequence
        self.at = at
        self.agencyCode = agencyCode
        self.procedureCode = procedureCode
        self.channel = channel
        self.dueAt = dueAt
        self.actor = actor
        self.unit = unit
        self.assignee = assignee
    }
}

/// A handling step an officer finished (`step-completed`, `approved`): the per-officer figures.
public struct OfficerStep: Sendable, Hashable, Codable {
    public var sequence: Int64
    public var officer: DossierHappening.Actor
    public var at: Moment
    /// Seconds since the dossier's previous hand-over (the step's handling time).
    public var handlingSeconds: Int64
    /// Finished no later than the dossier's due date (by Vietnam calendar date); true when the
    /// dossier had no due moment.
    public var onTime: Bool

    public init(sequence: Int64, officer: DossierHappening.Actor, at: Moment, handlingSeconds: Int64, onTime: Bool) {
        self.sequence = sequence
        self.officer = officer
        self.at = at
        self.handlingSeconds = handlingSeconds
        self.onTime = onTime
    }
}

/// What reporting knows of one dossier, folded from its events in sequence order. Every field is
/// stored, so folding one more event onto a stored row equals folding all events again.
public struct DossierFacts: Sendable, Hashable, Codable {
    public var code: String
    public var agencyCode: String
    public var procedureCode: String
    public var channel: SubmissionChannel?
    public var submittedAt: Moment?
    /// The reception (the clock's start); nil while awaiting reception and for dossiers refused
    /// or withdrawn before it.
    public var receivedAt: Moment?
    /// The latest due moment carried by the events (an extension or a resumption moves it).
    public var dueAt: Moment?
    /// Since when the clock stands still (supplement during handling, payment); cleared when it runs again.
    public var suspendedSince: Moment?
    /// The first time the dossier reached status 9 or 10.
    public var resolvedAt: Moment?
    /// When it ended unresolved: refused (3), withdrawn (7) or stopped (8).
    public var endedAt: Moment?
    public var endStatus: Int?
    /// The current national status (1–10) and internal state.
    public var status: Int
    public var state: String?
    /// The latest transition (a hand-over), for the next step's handling time.
    public var lastTransitionAt: Moment?
    /// The unit that last acted on the dossier or that processing named as holding it.
    public var holderUnit: String?
    public var assignee: String?
    /// The highest sequence folded in.
    public var lastSequence: Int64

    public init(code: String, agencyCode: String, procedureCode: String, channel: SubmissionChannel?) {
        self.code = code
        self.agencyCode = agencyCode
        self.procedureCode = procedureCode
        self.channel = channel
        self.status = NationalStatus.submitted.rawValue
        self.lastSequence = 0
    }

    /// Folds `events` (any order; sorted by sequence here, repeats of a sequence ignored) from nothing.
    public static func fold(code: String, _ events: [DossierHappening]) -> (facts: DossierFacts, steps: [OfficerStep])? {
        let ordered = events.sorted { $0.sequence < $1.sequence }
        guard let first = ordered.first else { return nil }
        var facts = DossierFacts(code: code, agencyCode: first.agencyCode, procedureCode: first.procedureCode, channel: first.channel)
        var steps: [OfficerStep] = []
        var seen = Set<Int64>()
        for event in ordered where seen.insert(event.sequence).inserted {
            if let step = facts.apply(event) { steps.append(step) }
        }
        return (facts, steps)
    }

    /// Folds one more event; answers the officer step it finished, if any.
    @discardableResult
    public mutating func apply(_ event: DossierHappening) -> OfficerStep? {
        lastSequence = max(lastSequence, event.sequence)
        agencyCode = event.agencyCode
        procedureCode = event.procedureCode
        if let channel = event.channel { self.channel = channel }
        switch event.kind {
        case .submitted:
            submittedAt = submittedAt ?? event.at
            return nil
        case .deadline:
            holderUnit = event.unit ?? holderUnit
            assignee = event.assignee ?? assignee
            return nil
        case .transition(let name, let newStatus, let newState):
            let previousTransition = lastTransitionAt
            if let due = event.dueAt { dueAt = due }
            let phase = DossierState(rawValue: newState)?.clockPhase
            if receivedAt == nil, event.dueAt != nil || phase == .running || phase.map(Self.isSuspended) == true {
                receivedAt = event.at
            }
            switch phase {
            case .running?: suspendedSince = nil
            case .suspended?: suspendedSince = suspendedSince ?? event.at
            default: break  // finished while suspended: it stood still to the end
            }
            if newStatus == NationalStatus.resolved.rawValue || newStatus == NationalStatus.returned.rawValue {
                resolvedAt = resolvedAt ?? event.at
            }
            if [NationalStatus.refused, .withdrawn, .stopped].map(\.rawValue).contains(newStatus), endedAt == nil, resolvedAt == nil {
                endedAt = event.at
                endStatus = newStatus
            }
            status = newStatus
            state = newState
            lastTransitionAt = event.at
            if let unit = event.actor?.unit { holderUnit = unit }
            if let assignee = event.assignee { self.assignee = assignee }
            guard Self.officerEvents.contains(name), let actor = event.actor else { return nil }
            let handling = previousTransition.map { max(0, event.at.secondsSinceEpoch - $0.secondsSinceEpoch) } ?? 0
            let onTime = dueAt.map { event.at.vietnamDate <= $0.vietnamDate } ?? true
            return OfficerStep(sequence: event.sequence, officer: actor, at: event.at, handlingSeconds: handling, onTime: onTime)
        }
    }

    /// The events that finish an officer's handling step.
    public static let officerEvents: Set<String> = ["step-completed", "approved"]

    private static func isSuspended(_ phase: ClockPhase) -> Bool {
        if case .suspended = phase { true } else { false }
    }

    /// When the dossier left handling after its reception (resolved, or ended unresolved); nil
    /// while in progress or when it was never received.
    public var finishedAt: Moment? {
        guard receivedAt != nil else { return nil }
        return resolvedAt ?? endedAt
    }

    /// From when the dossier counts as overdue while in progress: its due moment, unless the
    /// clock stood still before it (then never, until it runs again with a new due moment), and
    /// never when it finished before that moment. Nil for dossiers never received.
    public var overdueFrom: Moment? {
        guard receivedAt != nil, let due = dueAt else { return nil }
        if let since = suspendedSince, since < due { return nil }
        if let finished = finishedAt, finished < due { return nil }
        return due
    }

    /// Elapsed seconds from reception to resolution.
    public var handlingSeconds: Int64? {
        guard let received = receivedAt, let resolved = resolvedAt else { return nil }
        return max(0, resolved.secondsSinceEpoch - received.secondsSinceEpoch)
    }
}
