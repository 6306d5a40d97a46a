/// How a resolved dossier met its deadline, judged by calendar date in Vietnam (DOMAIN.md,
/// "Time" and "Statistical report").
public enum ResolvedTimeliness: String, Sendable, Hashable, Codable, CaseIterable {
    /// Finished before the due date (trước hạn).
    case early
    /// Finished on the due date (đúng hạn).
    case onTime
    /// Finished after the due date (quá hạn).
    case overdue

    /// Compares the Vietnam dates of the finish and of the due moment; the time of day is ignored.
    public init(finishedAt finish: Moment, due: Moment) {
        let finished = finish.vietnamDate
        let dueDate = due.vietnamDate
        self = finished < dueDate ? .early : finished == dueDate ? .onTime : .overdue
    }

    /// Classifies against the due moment the clock had when the dossier was finished.
    public init(finishedAt finish: Moment, clock: DeadlineClock) {
        self.init(finishedAt: finish, due: clock.due(at: finish))
    }
}

/// How a dossier still in progress stands in a reporting period.
public enum InProgressTimeliness: String, Sendable, Hashable, Codable, CaseIterable {
    /// Its due moment has not yet come (trong hạn).
    case withinDeadline
    /// Its due moment is at or before the earlier of now and the period's end (quá hạn).
    case overdue

    /// The period ends with the last second of `periodLastDay` in Vietnam.
    public init(due: Moment, now: Moment, periodLastDay: LocalDate) {
        self = due <= Self.cutOff(now: now, periodLastDay: periodLastDay) ? .overdue : .withinDeadline
    }

    /// Uses the clock's history, so suspended time does not count and a past period sees the due
    /// moment in force at its end.
    public init(clock: DeadlineClock, now: Moment, periodLastDay: LocalDate) {
        self = clock.isOverdue(at: Self.cutOff(now: now, periodLastDay: periodLastDay)) ? .overdue : .withinDeadline
    }

    private static func cutOff(now: Moment, periodLastDay: LocalDate) -> Moment {
        min(now, Moment.endOfVietnamDay(periodLastDay))
    }
}
