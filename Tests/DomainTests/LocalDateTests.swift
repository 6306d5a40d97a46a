import Domain
import Testing

@Suite struct LocalDateTests {
    @Test func validatesTheCalendar() {
        #expect(LocalDate(year: 2024, month: 2, day: 29) != nil)
        #expect(LocalDate(year: 2025, month: 2, day: 29) == nil)
        #expect(LocalDate(year: 2000, month: 2, day: 29) != nil)
        #expect(LocalDate(year: 2100, month: 2, day: 29) == nil)
        #expect(LocalDate(year: 2025, month: 4, day: 31) == nil)
        #expect(LocalDate(year: 2025, month: 13, day: 1) == nil)
        #expect(LocalDate(year: 2025, month: 12, day: 31) != nil)
    }

    @Test func vietnamDayChangesAt17UTC() {
        // 2025-11-25T16:59:59Z is 23:59:59 in Hanoi; one second later it is the 26th.
        let lastSecond = 1_764_089_999.0
        #expect(LocalDate.inVietnam(secondsSinceEpoch: lastSecond).description == "2025-11-25")
        #expect(LocalDate.inVietnam(secondsSinceEpoch: lastSecond + 1).description == "2025-11-26")
    }

    @Test func epochAndNegativeDays() {
        #expect(LocalDate(daysSinceEpoch: 0).description == "1970-01-01")
        #expect(LocalDate(daysSinceEpoch: -1).description == "1969-12-31")
        #expect(LocalDate(daysSinceEpoch: 19_723).description == "2024-01-01")
        #expect(LocalDate.inVietnam(secondsSinceEpoch: -7 * 3600 - 1).description == "1969-12-31")
    }

    @Test func everyDayOfThisCenturyRoundTripsThroughTheCompactForm() {
        var previous: LocalDate?
        for day in 10_957..<(10_957 + 36_525) {  // 2000-01-01 ... 2099-12-31
            let date = LocalDate(daysSinceEpoch: day)
            #expect(LocalDate(compactYYMMDD: date.compactYYMMDD) == date)
            if let previous { #expect(previous < date) }
            previous = date
        }
    }
}
