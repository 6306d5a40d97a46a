/// Legal deadlines (DOMAIN.md, "Time"): the due moment of a time budget counted from a reception.
extension WorkingCalendar {
    /// The first working day counted for a dossier received at `reception`: the reception day
    /// when it is a working day and the dossier arrived no later than the cut-off, otherwise the
    /// next working day. A cut-off later than the day's closing time acts as the closing time,
    /// so a day never counts for a dossier that arrived after its office closed.
    public func firstCountedDay(receivedAt reception: Moment) -> LocalDate {
        let date = reception.vietnamDate
        let intervals = officeIntervals(on: date)
        guard let closing = intervals.last?.endMinute else { return nextWorkingDay(after: date) }
        let cutOffSecond = min(officeHours.cutOffMinute, closing) * 60
        return reception.vietnamSecondOfDay <= cutOffSecond ? date : nextWorkingDay(after: date)
    }

    /// The closing moment (end of the last office interval) of a working day; nil on other days.
    public func closingMoment(of date: LocalDate) -> Moment? {
        officeIntervals(on: date).last.map { Moment(vietnam: date, secondOfDay: $0.endSecond) }
    }

    /// The due moment of `budget` for a dossier received at `reception`.
    public func dueMoment(for budget: TimeBudget, receivedAt reception: Moment) -> Moment {
        switch budget.unit {
        case .workingDays: dueMomentCountingDays(budget.amount, receivedAt: reception)
        case .workingHours: addingOfficeSeconds(Int64(budget.amount) * 3600, to: reception)
        }
    }

    /// The end of office hours of the `days`-th counted working day (see `firstCountedDay`).
    public func dueMoment(workingDays days: Int, receivedAt reception: Moment) -> Result<Moment, DeadlineError> {
        TimeBudget.make(days, .workingDays).map { dueMoment(for: $0, receivedAt: reception) }
    }

    /// The moment `hours` hours of office time have run, counting from the reception when it is
    /// within office hours, otherwise from the next opening.
    public func dueMoment(workingHours hours: Int, receivedAt reception: Moment) -> Result<Moment, DeadlineError> {
        TimeBudget.make(hours, .workingHours).map { dueMoment(for: $0, receivedAt: reception) }
    }

    private func dueMomentCountingDays(_ days: Int, receivedAt reception: Moment) -> Moment {
        var day = firstCountedDay(receivedAt: reception)
        for _ in 1..<days { day = nextWorkingDay(after: day) }
        // `day` is a working day by construction, so it has a closing moment.
        return closingMoment(of: day)!
    }
}
