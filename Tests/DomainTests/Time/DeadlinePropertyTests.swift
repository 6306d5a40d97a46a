import Domain
import Testing

/// Properties checked over random calendars, receptions and budgets in 2026–2027. Each test runs
/// `cases` seeded cases, so a failure names a case that replays identically.
@Suite struct DeadlinePropertyTests {
    static let cases = 2_000

    /// Random calendars shared by all cases: building one costs more than checking a case, so
    /// each case draws one of these instead of building its own.
    static let calendars: [WorkingCalendar] = {
        var rng = SplitMix64(seed: 0x0CA1_E4DA)
        return (0..<300).map { _ in RandomTime.calendar(&rng) }
    }()

    /// Runs `body` for each case with a drawn calendar and the case's generator; stops at the
    /// first failing case.
    func forEachCase(seed: UInt64, _ body: (WorkingCalendar, inout SplitMix64) -> Comment?) {
        var rng = SplitMix64(seed: seed)
        for index in 0..<Self.cases {
            let calendarIndex = Int.random(in: 0..<Self.calendars.count, using: &rng)
            if let failure = body(Self.calendars[calendarIndex], &rng) {
                Issue.record("case \(index) of seed \(seed), calendar \(calendarIndex): \(failure)")
                return
            }
        }
    }

    @Test func workingDayDeadlinesEndAtClosingOfTheNthCountedWorkingDay() {
        forEachCase(seed: 1) { calendar, rng in
            let reception = RandomTime.moment(&rng)
            let days = Int.random(in: 1...60, using: &rng)
            guard let due = try? calendar.dueMoment(workingDays: days, receivedAt: reception).get() else { return "no due moment" }
            let first = calendar.firstCountedDay(receivedAt: reception)
            guard calendar.isWorkingDay(due.vietnamDate) else { return "due \(due) on a non-working day" }
            guard calendar.closingMoment(of: due.vietnamDate) == due else { return "due \(due) is not a closing time" }
            guard calendar.workingDays(from: first, through: due.vietnamDate).count == days else { return "\(days) days from \(reception) counted wrongly, due \(due)" }
            guard first >= reception.vietnamDate, due >= reception else { return "due \(due) before reception \(reception)" }
            return nil
        }
    }

    @Test func workingHourDeadlinesStayInsideOfficeHoursAndCountExactly() {
        forEachCase(seed: 2) { calendar, rng in
            let reception = RandomTime.moment(&rng)
            let hours = Int.random(in: 1...120, using: &rng)
            guard let due = try? calendar.dueMoment(workingHours: hours, receivedAt: reception).get() else { return "no due moment" }
            guard calendar.canBeDueMoment(due) else { return "due \(due) outside office hours" }
            guard calendar.officeSeconds(from: reception, to: due) == Int64(hours) * 3600 else { return "\(hours) h from \(reception) counted wrongly, due \(due)" }
            return due > reception ? nil : "due \(due) not after reception \(reception)"
        }
    }

    @Test func aLaterReceptionNeverGivesAnEarlierDueMoment() {
        forEachCase(seed: 3) { calendar, rng in
            let budget = RandomTime.budget(&rng)
            let earlier = RandomTime.moment(&rng)
            let later = earlier.adding(seconds: Int64.random(in: 0...(10 * 86_400), using: &rng))
            let earlierDue = calendar.dueMoment(for: budget, receivedAt: earlier)
            let laterDue = calendar.dueMoment(for: budget, receivedAt: later)
            return earlierDue <= laterDue ? nil : "\(budget): \(earlier) → \(earlierDue) but \(later) → \(laterDue)"
        }
    }

    @Test func aSuspensionNeverShortensTheDeadline() {
        forEachCase(seed: 4) { calendar, rng in
            let budget = RandomTime.budget(&rng)
            let clock = DeadlineClock.start(budget: budget, receivedAt: RandomTime.moment(&rng), calendar: calendar)
            let due = clock.currentDue!
            // Suspensions from the reception to a week past the due moment, lasting up to 20 days.
            let span = due.secondsSinceEpoch - clock.receivedAt.secondsSinceEpoch + 7 * 86_400
            let suspension = clock.receivedAt.adding(seconds: Int64.random(in: 0...span, using: &rng))
            let resumption = suspension.adding(seconds: Int64.random(in: 0...(20 * 86_400), using: &rng))
            guard let suspended = try? clock.suspended(at: suspension).get() else { return "could not suspend" }
            for policy in SuspensionPolicy.allCases {
                guard let resumed = try? suspended.resumed(at: resumption, policy: policy, calendar: calendar).get(),
                      let newDue = resumed.currentDue else { return "could not resume" }
                guard newDue >= due else { return "\(policy) shortened \(due) to \(newDue) (\(suspension)–\(resumption), \(budget))" }
                if policy == .resume, suspension < due,
                   calendar.officeSeconds(from: resumption, to: newDue) != calendar.officeSeconds(from: suspension, to: due) {
                    return "resume lost office time: \(due) → \(newDue) (\(suspension)–\(resumption), \(budget))"
                }
            }
            return nil
        }
    }

    @Test func resumingAZeroLengthSuspensionChangesNothing() {
        forEachCase(seed: 5) { calendar, rng in
            let budget = RandomTime.budget(&rng)
            let clock = DeadlineClock.start(budget: budget, receivedAt: RandomTime.moment(&rng), calendar: calendar)
            let due = clock.currentDue!
            let span = due.secondsSinceEpoch - clock.receivedAt.secondsSinceEpoch + 7 * 86_400
            let moment = clock.receivedAt.adding(seconds: Int64.random(in: 0...span, using: &rng))
            let resumed = try? clock.suspended(at: moment).get().resumed(at: moment, policy: .resume, calendar: calendar).get()
            return resumed?.currentDue == due ? nil : "\(due) became \(resumed?.currentDue.map(String.init(describing:)) ?? "nil") at \(moment) (\(budget))"
        }
    }

    @Test func classificationIsConsistentWithTheDueMoment() {
        forEachCase(seed: 6) { calendar, rng in
            let budget = RandomTime.budget(&rng)
            let clock = DeadlineClock.start(budget: budget, receivedAt: RandomTime.moment(&rng), calendar: calendar)
            let due = clock.currentDue!
            let other = clock.receivedAt.adding(seconds: Int64.random(in: 0...(90 * 86_400), using: &rng))
            let finishedDate = other.vietnamDate
            let dueDate = due.vietnamDate
            let resolved = ResolvedTimeliness(finishedAt: other, due: due)
            let expected: ResolvedTimeliness = finishedDate < dueDate ? .early : finishedDate == dueDate ? .onTime : .overdue
            guard resolved == expected else { return "finished \(other), due \(due): \(resolved)" }
            guard ResolvedTimeliness(finishedAt: other, clock: clock) == resolved else { return "clock disagrees on finish \(other)" }

            let periodLastDay = RandomTime.date(&rng)
            let cutOff = min(other, Moment.endOfVietnamDay(periodLastDay))
            let inProgress = InProgressTimeliness(due: due, now: other, periodLastDay: periodLastDay)
            guard (inProgress == .overdue) == (due <= cutOff) else { return "in progress at \(other), period to \(periodLastDay), due \(due): \(inProgress)" }
            guard InProgressTimeliness(clock: clock, now: other, periodLastDay: periodLastDay) == inProgress else { return "clock disagrees at \(other)" }
            guard clock.isOverdue(at: other) == (due <= other) else { return "isOverdue disagrees at \(other), due \(due)" }
            // Overdue now implies overdue later, and finishing after an overdue moment is never early.
            if clock.isOverdue(at: other), !clock.isOverdue(at: other.adding(seconds: 3600)) { return "overdue stopped after \(other)" }
            if clock.isOverdue(at: other), resolved == .early { return "finished overdue yet early at \(other)" }
            return nil
        }
    }
}
