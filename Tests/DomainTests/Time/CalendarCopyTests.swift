import Contracts
import Domain
import Testing

/// Processing counts deadlines with the catalog's published years, converted back from the
/// event's shape: holidays, swapped Saturdays, office hours and cut-off survive the trip.
struct CalendarCopyTests {
    static let hours = ["monday": [OfficeSpan(start: "08:00", end: "12:00"), OfficeSpan(start: "13:30", end: "17:30")],
                        "tuesday": [OfficeSpan(start: "08:00", end: "12:00")], "wednesday": [OfficeSpan(start: "08:00", end: "12:00")],
                        "thursday": [OfficeSpan(start: "08:00", end: "12:00")], "friday": [OfficeSpan(start: "08:00", end: "12:00")]]

    @Test func aPublishedYearBecomesTheWorkingCalendar() throws {
        let view = CalendarYearView(year: 2026, entries: [
            CalendarDay(date: "2026-09-02", kind: "dayOff", name: "Quốc khánh"),
            CalendarDay(date: "2026-09-05", kind: "compensatoryWorkingDay", name: "Làm bù"),
        ], officeHours: Self.hours, cutOff: "16:00", updatedAt: nil)
        let calendar = CalendarYearView.workingCalendar([view], officeHoursOf: 2026)
        #expect(!calendar.isWorkingDay(try #require(LocalDate(iso: "2026-09-02"))))
        #expect(calendar.isWorkingDay(try #require(LocalDate(iso: "2026-09-05"))))  // a Saturday worked
        #expect(calendar.officeHours.cutOffMinute == 16 * 60)
        #expect(calendar.officeHours.intervals(on: .monday).count == 2)
    }

    @Test func everyYearsHolidaysCountWithTheHoursOfTheLatestYearNotAfterTheMoment() throws {
        let old = CalendarYearView(year: 2026, entries: [CalendarDay(date: "2026-12-31", kind: "dayOff", name: "Nghỉ")],
                                   officeHours: Self.hours, cutOff: "15:00", updatedAt: nil)
        let new = CalendarYearView(year: 2027, entries: [CalendarDay(date: "2027-01-01", kind: "dayOff", name: "Tết Dương lịch")],
                                   officeHours: Self.hours, cutOff: "14:00", updatedAt: nil)
        let calendar = CalendarYearView.workingCalendar([new, old], officeHoursOf: 2026)
        #expect(!calendar.isWorkingDay(try #require(LocalDate(iso: "2026-12-31"))))
        #expect(!calendar.isWorkingDay(try #require(LocalDate(iso: "2027-01-01"))))
        #expect(calendar.officeHours.cutOffMinute == 15 * 60)
    }

    @Test func withoutAnyPublishedYearTheStandardWeekApplies() {
        #expect(CalendarYearView.workingCalendar([], officeHoursOf: 2026) == .standard)
    }

    @Test func timesAreReadStrictly() {
        #expect(CalendarYearView.minuteOfDay("07:30") == 450)
        #expect(CalendarYearView.minuteOfDay("7:30") == nil)
        #expect(CalendarYearView.minuteOfDay("24:00") == nil)
        #expect(CalendarYearView.minuteOfDay("12:60") == nil)
    }
}
