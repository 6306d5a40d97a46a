import Domain
import Testing

@Suite struct TimelinessTests {
    let due = at(2026, 4, 22, 17, 0)

    @Test func resolvedDossiersAreJudgedByVietnamDate() {
        #expect(ResolvedTimeliness(finishedAt: at(2026, 4, 21, 16, 0), due: due) == .early)
        #expect(ResolvedTimeliness(finishedAt: at(2026, 4, 22, 8, 0), due: due) == .onTime)
        #expect(ResolvedTimeliness(finishedAt: at(2026, 4, 22, 23, 30), due: due) == .onTime)
        #expect(ResolvedTimeliness(finishedAt: at(2026, 4, 23, 0, 30), due: due) == .overdue)
    }

    @Test func theVietnamDateNotTheUTCDateDecides() {
        // 2026-04-22T17:30:00Z is already 23 April in Hanoi.
        let finish = Moment(secondsSinceEpoch: at(2026, 4, 22, 0, 0).secondsSinceEpoch + 7 * 3600 + 17 * 3600 + 1800)
        #expect(finish == at(2026, 4, 23, 0, 30))
        #expect(ResolvedTimeliness(finishedAt: finish, due: due) == .overdue)
    }

    @Test func inProgressIsOverdueWhenTheDueMomentIsAtOrBeforeNowAndThePeriodEnd() {
        let april = day(2026, 4, 30)
        #expect(InProgressTimeliness(due: due, now: at(2026, 4, 22, 16, 0), periodLastDay: april) == .withinDeadline)
        #expect(InProgressTimeliness(due: due, now: at(2026, 4, 22, 17, 0), periodLastDay: april) == .overdue)
        // A past period ending before the due date saw the dossier within its deadline.
        #expect(InProgressTimeliness(due: due, now: at(2026, 5, 10, 9, 0), periodLastDay: day(2026, 4, 21)) == .withinDeadline)
        #expect(InProgressTimeliness(due: due, now: at(2026, 5, 10, 9, 0), periodLastDay: day(2026, 4, 22)) == .overdue)
    }

    @Test func clockBasedClassificationSkipsSuspensions() throws {
        let budget = try TimeBudget.make(3, .workingDays).get()
        let clock = try DeadlineClock.start(budget: budget, receivedAt: at(2026, 4, 20, 9, 0), calendar: aprilMay2026)
            .suspended(at: at(2026, 4, 21, 10, 0)).get()
        #expect(InProgressTimeliness(clock: clock, now: at(2026, 5, 10, 9, 0), periodLastDay: day(2026, 5, 31)) == .withinDeadline)
        let resumed = try clock.resumed(at: at(2026, 4, 23, 14, 0), policy: .resume, calendar: aprilMay2026).get()
        #expect(ResolvedTimeliness(finishedAt: at(2026, 4, 24, 9, 0), clock: resumed) == .early)
        #expect(ResolvedTimeliness(finishedAt: at(2026, 4, 25, 16, 0), clock: resumed) == .onTime)
    }
}
