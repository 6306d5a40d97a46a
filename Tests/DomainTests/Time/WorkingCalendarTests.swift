import Domain
import Foundation
import Testing

@Suite struct OfficeHoursTests {
    @Test func standardIsEightHoursMondayToFriday() {
        let hours = OfficeHours.standard
        for weekday in Weekday.allCases {
            let minutes = hours.intervals(on: weekday).map(\.minutes).reduce(0, +)
            #expect(minutes == (weekday < .saturday ? 8 * 60 : 0))
        }
        #expect(hours.intervals(on: .monday).map(\.description) == ["07:30–11:30", "13:00–17:00"])
        #expect(hours.cutOffMinute == 15 * 60)
    }

    @Test func intervalsMustBeNonEmptyAndEndBy2359() {
        #expect(OfficeInterval(startMinute: 600, endMinute: 600) == nil)
        #expect(OfficeInterval(startMinute: 700, endMinute: 600) == nil)
        #expect(OfficeInterval(startMinute: 0, endMinute: 1440) == nil)
        #expect(OfficeInterval(start: (7, 60), end: (8, 0)) == nil)
        #expect(OfficeInterval(start: (7, 30), end: (11, 30)) == OfficeInterval(startMinute: 450, endMinute: 690))
    }

    @Test func listsEveryProblemAtOnce() {
        let morning = OfficeInterval(start: (8, 0), end: (12, 0))!
        let overlapping = OfficeInterval(start: (11, 0), end: (13, 0))!
        let result = OfficeHours.make(weekly: [.tuesday: [overlapping, morning]], cutOffMinute: 1440)
        #expect(result == .failure(CalendarValidationFailure([.overlappingIntervals(.tuesday), .cutOffOutOfRange(1440)])))
        #expect(OfficeHours.make(weekly: [.monday: []], cutOffMinute: 900) == .failure(CalendarValidationFailure([.noWorkingWeekday])))
    }

    @Test func sortsIntervalsAndAcceptsTouchingOnes() throws {
        let late = OfficeInterval(start: (13, 0), end: (17, 0))!
        let early = OfficeInterval(start: (7, 0), end: (13, 0))!
        let hours = try OfficeHours.make(weekly: [.saturday: [late, early]], cutOffMinute: 900).get()
        #expect(hours.intervals(on: .saturday) == [early, late])
        #expect(!hours.isWorked(.monday))
    }

    @Test func decodingValidates() throws {
        let json = #"{"weekly":{"1":[{"startMinute":480,"endMinute":720}]},"cutOffMinute":900}"#
        let hours = try JSONDecoder().decode(OfficeHours.self, from: Data(json.utf8))
        #expect(hours.intervals(on: .monday) == [OfficeInterval(start: (8, 0), end: (12, 0))!])
        #expect(try JSONDecoder().decode(OfficeHours.self, from: JSONEncoder().encode(OfficeHours.standard)) == .standard)
        let bad = #"{"weekly":{"1":[{"startMinute":480,"endMinute":720}]},"cutOffMinute":-1}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(OfficeHours.self, from: Data(bad.utf8)) }
    }
}

@Suite struct WorkingCalendarTests {
    let calendar = aprilMay2026

    @Test func weekendsHolidaysAndCompensatoryDays() {
        #expect(calendar.isWorkingDay(day(2026, 4, 29)))   // Wednesday
        #expect(!calendar.isWorkingDay(day(2026, 4, 30)))  // day off
        #expect(!calendar.isWorkingDay(day(2026, 5, 1)))   // day off
        #expect(!calendar.isWorkingDay(day(2026, 5, 2)))   // Saturday
        #expect(!calendar.isWorkingDay(day(2026, 5, 3)))   // Sunday
        #expect(calendar.isWorkingDay(day(2026, 4, 25)))   // compensatory Saturday
        #expect(!calendar.isWorkingDay(day(2026, 4, 26)))  // Sunday
    }

    @Test func compensatoryDaysWorkMondaysHours() {
        #expect(calendar.officeIntervals(on: day(2026, 4, 25)) == OfficeHours.standard.intervals(on: .monday))
        #expect(calendar.officeIntervals(on: day(2026, 4, 30)).isEmpty)
    }

    @Test func nextAndPreviousWorkingDaySkipTheLongWeekend() {
        #expect(calendar.nextWorkingDay(after: day(2026, 4, 29)) == day(2026, 5, 4))
        #expect(calendar.nextWorkingDay(after: day(2026, 4, 24)) == day(2026, 4, 25))
        #expect(calendar.previousWorkingDay(before: day(2026, 5, 4)) == day(2026, 4, 29))
        #expect(calendar.previousWorkingDay(before: day(2026, 4, 27)) == day(2026, 4, 25))
    }

    @Test func workingDaysIncludeBothEnds() {
        #expect(calendar.workingDays(from: day(2026, 4, 24), through: day(2026, 5, 4))
                == [day(2026, 4, 24), day(2026, 4, 25), day(2026, 4, 27), day(2026, 4, 28), day(2026, 4, 29), day(2026, 5, 4)])
        #expect(calendar.workingDays(from: day(2026, 4, 30), through: day(2026, 5, 3)).isEmpty)
        #expect(calendar.workingDays(from: day(2026, 5, 4), through: day(2026, 4, 29)).isEmpty)
    }

    @Test func rejectsContradictoryAndDuplicateEntries() {
        let result = WorkingCalendar.make(officeHours: .standard, entries: [
            CalendarEntry(date: day(2026, 5, 9), kind: .compensatoryWorkingDay),
            CalendarEntry(date: day(2026, 5, 9), kind: .dayOff),
            CalendarEntry(date: day(2026, 4, 30), kind: .dayOff),
            CalendarEntry(date: day(2026, 4, 30), kind: .dayOff),
            CalendarEntry(date: day(2026, 4, 29), kind: .compensatoryWorkingDay),
        ])
        #expect(result == .failure(CalendarValidationFailure([
            .compensatoryOnRegularWorkingDay(day(2026, 4, 29)),
            .listedTwice(day(2026, 4, 30)),
            .bothDayOffAndCompensatory(day(2026, 5, 9)),
        ])))
    }

    @Test func compensatoryDaysNeedMondayHours() throws {
        let tuesdays = try OfficeHours.make(weekly: [.tuesday: [OfficeInterval(start: (8, 0), end: (16, 0))!]], cutOffMinute: 900).get()
        let result = WorkingCalendar.make(officeHours: tuesdays, entries: [CalendarEntry(date: day(2026, 4, 25), kind: .compensatoryWorkingDay)])
        #expect(result == .failure(CalendarValidationFailure([.compensatoryDaysWithoutMondayHours])))
    }

    @Test func aDayOffOnAWeekendIsHarmless() {
        let result = WorkingCalendar.make(officeHours: .standard, entries: [CalendarEntry(date: day(2026, 5, 2), kind: .dayOff)])
        #expect((try? result.get())?.isWorkingDay(day(2026, 5, 2)) == false)
    }

    @Test func roundTripsThroughJSONAndValidatesOnDecoding() throws {
        let data = try JSONEncoder().encode(calendar)
        #expect(try JSONDecoder().decode(WorkingCalendar.self, from: data) == calendar)
        let contradictory = #"{"officeHours":{"weekly":{"1":[{"startMinute":480,"endMinute":720}]},"cutOffMinute":900},"#
            + #""entries":[{"date":{"year":2026,"month":4,"day":30},"kind":"dayOff","name":""},"#
            + #"{"date":{"year":2026,"month":4,"day":30},"kind":"compensatoryWorkingDay","name":""}]}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(WorkingCalendar.self, from: Data(contradictory.utf8)) }
    }
}
