/// The deadline of one dossier with its history: started at reception, possibly suspended and
/// resumed (supplement requests), possibly extended once (form 04). Suspended time never counts.
///
/// Every operation returns a new clock or an error; the calendar is passed in because
/// administrators may edit it between operations, while due moments already set stay as they were.
public struct DeadlineClock: Sendable, Hashable, Codable {
    public let budget: TimeBudget
    /// The events in order; the first is always `.received`.
    public let history: [DeadlineEvent]

    /// Whether the clock is running towards a due moment or stopped.
    public enum State: Sendable, Hashable {
        case running(due: Moment)
        /// Stopped since `since`; `dueWhenSuspended` is the due moment in force at that time.
        case suspended(since: Moment, dueWhenSuspended: Moment)
    }

    /// Starts the clock at the reception.
    public static func start(budget: TimeBudget, receivedAt reception: Moment, calendar: WorkingCalendar) -> DeadlineClock {
        DeadlineClock(budget: budget, history: [.received(at: reception, due: calendar.dueMoment(for: budget, receivedAt: reception))])
    }

    private init(budget: TimeBudget, history: [DeadlineEvent]) {
        self.budget = budget
        self.history = history
    }

    /// When the dossier was received.
    public var receivedAt: Moment { history[0].moment }

    /// The state after the latest event.
    public var state: State { replay() }

    /// The due moment while running; nil while suspended, since it is only known on resumption.
    public var currentDue: Moment? {
        if case .running(let due) = state { due } else { nil }
    }

    /// True while suspended.
    public var isSuspended: Bool { currentDue == nil }

    /// When the deadline was extended, if it was.
    public var extendedAt: Moment? {
        history.lazy.compactMap { if case .extended(let at, _, _) = $0 { at } else { nil } }.first
    }

    /// Stops the clock (a supplement request during handling).
    public func suspended(at moment: Moment) -> Result<DeadlineClock, DeadlineClockError> {
        if let error = outOfOrder(moment) { return .failure(error) }
        if case .suspended(let since, _) = state { return .failure(.alreadySuspended(since: since)) }
        return .success(appending(.suspended(at: moment)))
    }

    /// Restarts the clock after a suspension under `policy`. Under `resume`, a clock suspended at
    /// or after its due moment keeps that due moment: it was already overdue and stays so.
    public func resumed(at moment: Moment, policy: SuspensionPolicy, calendar: WorkingCalendar) -> Result<DeadlineClock, DeadlineClockError> {
        if let error = outOfOrder(moment) { return .failure(error) }
        guard case .suspended(let since, let previousDue) = state else { return .failure(.notSuspended) }
        let due: Moment
        switch policy {
        case .restart:
            due = calendar.dueMoment(for: budget, receivedAt: moment)
        case .resume where since >= previousDue:
            due = previousDue
        case .resume:
            due = calendar.addingOfficeSeconds(calendar.officeSeconds(from: since, to: previousDue), to: moment)
        }
        return .success(appending(.resumed(at: moment, policy: policy, due: due)))
    }

    /// Moves the due moment (form 04). Allowed once, while running, when requested no later than
    /// the last working day before the current due date, to a later moment within office hours.
    public func extended(requestedAt request: Moment, to newDue: Moment, calendar: WorkingCalendar) -> Result<DeadlineClock, DeadlineClockError> {
        if let error = outOfOrder(request) { return .failure(error) }
        guard let currentDue else { return .failure(.extensionWhileSuspended) }
        if let extendedAt { return .failure(.alreadyExtended(at: extendedAt)) }
        let latestDay = calendar.previousWorkingDay(before: currentDue.vietnamDate)
        guard request.vietnamDate <= latestDay else { return .failure(.extensionRequestedTooLate(latestDay: latestDay)) }
        guard newDue > currentDue else { return .failure(.extensionNotLater(currentDue: currentDue)) }
        guard calendar.canBeDueMoment(newDue) else { return .failure(.extensionOutsideOfficeHours(newDue)) }
        return .success(appending(.extended(at: request, from: currentDue, to: newDue)))
    }

    /// Extends to the end of office hours of `date`, the usual form of a new appointment.
    public func extended(requestedAt request: Moment, toEndOf date: LocalDate, calendar: WorkingCalendar) -> Result<DeadlineClock, DeadlineClockError> {
        guard let closing = calendar.closingMoment(of: date) else { return .failure(.notAWorkingDay(date)) }
        return extended(requestedAt: request, to: closing, calendar: calendar)
    }

    /// The due moment in force at `moment` according to the history (while suspended, the due
    /// moment as it stood at the suspension; before the reception, the first due moment).
    public func due(at moment: Moment) -> Moment {
        switch replay(upTo: moment) {
        case .running(let due), .suspended(_, let due): due
        }
    }

    /// True when the deadline had passed at `moment`: its due moment is at or before `moment`,
    /// where a suspended clock stands still at its suspension.
    public func isOverdue(at moment: Moment) -> Bool {
        switch replay(upTo: moment) {
        case .running(let due): due <= moment
        case .suspended(let since, let due): due <= since
        }
    }

    private func outOfOrder(_ moment: Moment) -> DeadlineClockError? {
        let latest = history[history.count - 1].moment
        return moment < latest ? .outOfOrder(at: moment, latestEventAt: latest) : nil
    }

    private func appending(_ event: DeadlineEvent) -> DeadlineClock {
        DeadlineClock(budget: budget, history: history + [event])
    }

    /// Replays the history up to and including `moment` (all of it when nil).
    private func replay(upTo moment: Moment? = nil) -> State {
        guard case .received(_, var due) = history[0] else { preconditionFailure("a deadline history starts with its reception") }
        var suspendedSince: Moment?
        for event in history.dropFirst() {
            if let moment, event.moment > moment { break }
            if let set = event.dueSet { due = set; suspendedSince = nil } else { suspendedSince = event.moment }
        }
        return suspendedSince.map { .suspended(since: $0, dueWhenSuspended: due) } ?? .running(due: due)
    }

    /// True when `history` could have been built by the operations above: the reception first and
    /// only first, moments in order, suspensions and resumptions alternating, at most one extension
    /// and never while suspended.
    private static func isWellFormed(_ history: [DeadlineEvent]) -> Bool {
        guard case .received = history.first else { return false }
        var suspended = false
        var extended = false
        for (previous, event) in zip(history, history.dropFirst()) {
            guard previous.moment <= event.moment else { return false }
            switch event {
            case .received: return false
            case .suspended: if suspended { return false }; suspended = true
            case .resumed: if !suspended { return false }; suspended = false
            case .extended: if suspended || extended { return false }; extended = true
            }
        }
        return true
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let history = try container.decode([DeadlineEvent].self, forKey: .history)
        guard Self.isWellFormed(history) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a well-formed deadline history"))
        }
        self.init(budget: try container.decode(TimeBudget.self, forKey: .budget), history: history)
    }
}
