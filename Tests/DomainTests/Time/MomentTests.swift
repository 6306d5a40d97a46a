import Domain
import Foundation
import Testing

@Suite struct MomentTests {
    @Test func vietnamIsSevenHoursAheadOfUTC() {
        // 2026-04-22T03:00:00Z is 10:00 in Hanoi.
        let moment = Moment(secondsSinceEpoch: 1_776_826_800)
        #expect(moment.vietnamDate == day(2026, 4, 22))
        #expect(moment.vietnamMinuteOfDay == 600)
        #expect(moment.vietnamSecondOfDay == 36_000)
        #expect(at(2026, 4, 22, 10, 0) == moment)
        #expect(moment.description == "2026-04-22T10:00:00+07:00")
    }

    @Test func localDayChangesAt17UTC() {
        let midnight = at(2026, 4, 23, 0, 0)
        #expect(midnight.adding(seconds: -1).vietnamDate == day(2026, 4, 22))
        #expect(midnight.adding(seconds: -1).vietnamSecondOfDay == 86_399)
        #expect(midnight.vietnamDate == day(2026, 4, 23))
        #expect(midnight == Moment.startOfVietnamDay(day(2026, 4, 23)))
        #expect(Moment.endOfVietnamDay(day(2026, 4, 22)) == midnight.adding(seconds: -1))
    }

    @Test func beforeTheEpochStillFloorsToTheRightDay() {
        let moment = Moment(secondsSinceEpoch: -7 * 3600 - 1)
        #expect(moment.vietnamDate == day(1969, 12, 31))
        #expect(moment.vietnamSecondOfDay == 86_399)
    }

    @Test func rejectsImpossibleTimesOfDay() {
        #expect(Moment(vietnam: day(2026, 1, 1), hour: 24, minute: 0) == nil)
        #expect(Moment(vietnam: day(2026, 1, 1), hour: 12, minute: 60) == nil)
        #expect(Moment(vietnam: day(2026, 1, 1), hour: -1, minute: 0) == nil)
        #expect(Moment(vietnam: day(2026, 1, 1), hour: 23, minute: 59, second: 59) != nil)
    }

    @Test func encodesAsAPlainNumber() throws {
        let moment = at(2026, 4, 22, 10, 0)
        let data = try JSONEncoder().encode(moment)
        #expect(String(decoding: data, as: UTF8.self) == "1776826800")
        #expect(try JSONDecoder().decode(Moment.self, from: data) == moment)
    }
}

@Suite struct LocalDateArithmeticTests {
    @Test func weekdaysOf2026() {
        #expect(day(2026, 1, 1).weekday == .thursday)
        #expect(day(2026, 4, 25).weekday == .saturday)
        #expect(day(2026, 4, 26).weekday == .sunday)
        #expect(day(2026, 5, 4).weekday == .monday)
        #expect(day(1969, 12, 29).weekday == .monday)
    }

    @Test func addsAndCountsDaysAcrossMonthsAndYears() {
        #expect(day(2026, 4, 29).adding(days: 5) == day(2026, 5, 4))
        #expect(day(2026, 3, 1).adding(days: -1) == day(2026, 2, 28))
        #expect(day(2028, 3, 1).adding(days: -1) == day(2028, 2, 29))
        #expect(day(2026, 12, 31).adding(days: 1) == day(2027, 1, 1))
        #expect(day(2026, 1, 1).days(until: day(2027, 1, 1)) == 365)
        #expect(day(2027, 1, 1).days(until: day(2026, 1, 1)) == -365)
    }

    @Test func daysSinceEpochInvertsTheInitialiser() {
        for offset in stride(from: -800_000, through: 2_900_000, by: 997) {
            #expect(LocalDate(daysSinceEpoch: offset).daysSinceEpoch == offset)
        }
        #expect(day(1970, 1, 1).daysSinceEpoch == 0)
        #expect(day(2026, 4, 30).daysSinceEpoch == 20_573)
    }
}
