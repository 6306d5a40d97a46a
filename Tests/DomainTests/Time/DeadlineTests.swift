import Domain
import Foundation
import Testing

/// Due moments computed by hand on the `aprilMay2026` test calendar: 30 April and 1 May 2026 off,
/// Saturday 25 April worked.
@Suite struct WorkingDayDeadlineTests {
    let calendar = aprilMay2026

    func due(_ days: Int, _ reception: Moment) -> Moment? {
        try? calendar.dueMoment(workingDays: days, receivedAt: reception).get()
    }

    @Test func oneDayBeforeTheCutOffEndsTheSameDay() {
        #expect(due(1, at(2026, 4, 29, 10, 0)) == at(2026, 4, 29, 17, 0))
        #expect(due(1, at(2026, 4, 29, 6, 0)) == at(2026, 4, 29, 17, 0))
    }

    @Test func theCutOffItselfStillCountsTheDay() {
        #expect(due(1, at(2026, 4, 29, 15, 0, 0)) == at(2026, 4, 29, 17, 0))
        #expect(due(1, at(2026, 4, 29, 15, 0, 1)) == at(2026, 5, 4, 17, 0))
    }

    @Test func afterTheCutOffCountingSkipsTheHolidaysAndTheWeekend() {
        #expect(due(1, at(2026, 4, 29, 15, 30)) == at(2026, 5, 4, 17, 0))
        #expect(due(2, at(2026, 4, 29, 10, 0)) == at(2026, 5, 4, 17, 0))
        #expect(due(3, at(2026, 4, 28, 9, 0)) == at(2026, 5, 4, 17, 0))
    }

    @Test func receptionOnANonWorkingDayCountsFromTheNextWorkingDay() {
        #expect(due(1, at(2026, 4, 30, 9, 0)) == at(2026, 5, 4, 17, 0))
        #expect(due(1, at(2026, 4, 26, 9, 0)) == at(2026, 4, 27, 17, 0))
    }

    @Test func theCompensatorySaturdayCounts() {
        #expect(due(1, at(2026, 4, 24, 16, 0)) == at(2026, 4, 25, 17, 0))
        #expect(due(1, at(2026, 4, 25, 9, 0)) == at(2026, 4, 25, 17, 0))
    }

    @Test func fifteenWorkingDays() {
        // 20–24 Apr (5), Sat 25 (6), 27–29 (9), 4–8 May (14), 11 May (15).
        #expect(due(15, at(2026, 4, 20, 8, 0)) == at(2026, 5, 11, 17, 0))
        #expect(calendar.firstCountedDay(receivedAt: at(2026, 4, 20, 8, 0)) == day(2026, 4, 20))
    }

    @Test func aCutOffAfterClosingActsAsTheClosingTime() throws {
        let hours = try OfficeHours.make(weekly: [.monday: [OfficeInterval(start: (8, 0), end: (12, 0))!]], cutOffMinute: 15 * 60).get()
        let mondays = WorkingCalendar(officeHours: hours)
        #expect(try mondays.dueMoment(workingDays: 1, receivedAt: at(2026, 4, 27, 12, 0)).get() == at(2026, 4, 27, 12, 0))
        #expect(try mondays.dueMoment(workingDays: 1, receivedAt: at(2026, 4, 27, 13, 0)).get() == at(2026, 5, 4, 12, 0))
    }

    @Test func rejectsBudgetsOutOfRange() {
        #expect(calendar.dueMoment(workingDays: 0, receivedAt: at(2026, 4, 29, 10, 0)) == .failure(.budgetNotPositive(0)))
        #expect(calendar.dueMoment(workingDays: -3, receivedAt: at(2026, 4, 29, 10, 0)) == .failure(.budgetNotPositive(-3)))
        #expect(calendar.dueMoment(workingDays: 1001, receivedAt: at(2026, 4, 29, 10, 0)) == .failure(.budgetTooLarge(1001, maximum: 1000)))
        #expect(calendar.dueMoment(workingHours: 0, receivedAt: at(2026, 4, 29, 10, 0)) == .failure(.budgetNotPositive(0)))
    }
}

@Suite struct WorkingHourDeadlineTests {
    let calendar = aprilMay2026

    func due(_ hours: Int, _ reception: Moment) -> Moment? {
        try? calendar.dueMoment(workingHours: hours, receivedAt: reception).get()
    }

    @Test func countsAcrossTheLunchBreak() {
        // 10:00–11:30 is 1.5 h, then 13:00–15:30 is 2.5 h.
        #expect(due(4, at(2026, 4, 29, 10, 0)) == at(2026, 4, 29, 15, 30))
    }

    @Test func countsAcrossTheHolidays() {
        // 5.5 h on 29 Apr, then 2.5 h on Monday 4 May.
        #expect(due(8, at(2026, 4, 29, 10, 0)) == at(2026, 5, 4, 10, 0))
    }

    @Test func startsAtTheNextOpeningOutsideOfficeHours() {
        #expect(due(1, at(2026, 4, 29, 12, 0)) == at(2026, 4, 29, 14, 0))
        #expect(due(1, at(2026, 4, 29, 17, 30)) == at(2026, 5, 4, 8, 30))
        #expect(due(1, at(2026, 4, 29, 11, 30)) == at(2026, 4, 29, 14, 0))
    }

    @Test func endsAtAClosingTimeRatherThanTheNextOpening() {
        #expect(due(4, at(2026, 4, 29, 6, 0)) == at(2026, 4, 29, 11, 30))
        #expect(due(8, at(2026, 4, 29, 7, 30)) == at(2026, 4, 29, 17, 0))
    }

    @Test func keepsTheSeconds() {
        #expect(due(1, at(2026, 4, 29, 10, 0, 30)) == at(2026, 4, 29, 11, 0, 30))
    }

    @Test func officeSecondsBetweenMoments() {
        #expect(calendar.officeSeconds(from: at(2026, 4, 29, 10, 0), to: at(2026, 5, 4, 10, 0)) == 8 * 3600)
        #expect(calendar.officeSeconds(from: at(2026, 4, 29, 12, 0), to: at(2026, 4, 29, 12, 30)) == 0)
        #expect(calendar.officeSeconds(from: at(2026, 5, 4, 10, 0), to: at(2026, 4, 29, 10, 0)) == 0)
    }

    @Test func officeHoursAreHalfOpenButDueMomentsMayBeAtClosing() {
        #expect(calendar.isWithinOfficeHours(at(2026, 4, 29, 7, 30)))
        #expect(!calendar.isWithinOfficeHours(at(2026, 4, 29, 11, 30)))
        #expect(!calendar.isWithinOfficeHours(at(2026, 4, 30, 9, 0)))
        #expect(calendar.canBeDueMoment(at(2026, 4, 29, 11, 30)))
        #expect(!calendar.canBeDueMoment(at(2026, 4, 29, 7, 30)))
        #expect(calendar.nextOfficeTime(atOrAfter: at(2026, 4, 29, 17, 0)) == at(2026, 5, 4, 7, 30))
        #expect(calendar.nextOfficeTime(atOrAfter: at(2026, 4, 29, 9, 0)) == at(2026, 4, 29, 9, 0))
    }
}

@Suite struct TimeBudgetTests {
    @Test func describesAndRoundTrips() throws {
        let budget = try TimeBudget.make(15, .workingDays).get()
        #expect(budget.description == "15 working days")
        #expect(try TimeBudget.make(1, .workingHours).get().description == "1 working hour")
        let data = try JSONEncoder().encode(budget)
        #expect(String(decoding: data, as: UTF8.self).contains(#""unit":"workingDays""#))
        #expect(try JSONDecoder().decode(TimeBudget.self, from: data) == budget)
        let zero = #"{"amount":0,"unit":"workingHours"}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(TimeBudget.self, from: Data(zero.utf8)) }
    }
}
