import Domain

/// A calendar date in tests; traps on an impossible date, which would be a typo in the test.
func day(_ year: Int, _ month: Int, _ day: Int) -> LocalDate {
    LocalDate(year: year, month: month, day: day)!
}

/// A Vietnam wall-clock moment in tests.
func at(_ year: Int, _ month: Int, _ dayOfMonth: Int, _ hour: Int, _ minute: Int, _ second: Int = 0) -> Moment {
    Moment(vietnam: day(year, month, dayOfMonth), hour: hour, minute: minute, second: second)!
}

/// Test data, not an authoritative holiday list: 30 April and 1 May 2026 (Thursday and Friday) are
/// days off, and Saturday 25 April 2026 is worked in exchange.
let aprilMay2026: WorkingCalendar = try! WorkingCalendar.make(officeHours: .standard, entries: [
    CalendarEntry(date: day(2026, 4, 30), kind: .dayOff, name: "Ngày Giải phóng miền Nam"),
    CalendarEntry(date: day(2026, 5, 1), kind: .dayOff, name: "Ngày Quốc tế Lao động"),
    CalendarEntry(date: day(2026, 4, 25), kind: .compensatoryWorkingDay, name: "Làm bù"),
]).get()

/// SplitMix64 (Steele, Lea, Flood 2014): a tiny, seeded, deterministic generator, so every
/// property-test run checks the same cases and a failure can be replayed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random inputs over 2026–2027 for the property tests.
enum RandomTime {
    static let firstDay = day(2026, 1, 1)
    static let lastDay = day(2027, 12, 31)

    /// A date in 2026–2027.
    static func date(_ rng: inout SplitMix64) -> LocalDate {
        firstDay.adding(days: Int.random(in: 0...firstDay.days(until: lastDay), using: &rng))
    }

    /// A moment to the second between 2026-01-01 and 2027-09-30, leaving room for deadlines to end
    /// inside the calendar's range.
    static func moment(_ rng: inout SplitMix64) -> Moment {
        let start = Moment.startOfVietnamDay(firstDay).secondsSinceEpoch
        let end = Moment.startOfVietnamDay(day(2027, 9, 30)).secondsSinceEpoch
        return Moment(secondsSinceEpoch: Int64.random(in: start...end, using: &rng))
    }

    /// Three times in four the standard office hours; otherwise random hours: Monday always worked
    /// plus each other weekday with probability 0.6, one to three intervals of at least an hour
    /// between 05:00 and 22:00, and a random cut-off.
    static func officeHours(_ rng: inout SplitMix64) -> OfficeHours {
        guard Int.random(in: 0..<4, using: &rng) == 0 else { return .standard }
        var weekly: [Weekday: [OfficeInterval]] = [:]
        for weekday in Weekday.allCases where weekday == .monday || Double.random(in: 0..<1, using: &rng) < 0.6 {
            let count = Int.random(in: 1...3, using: &rng)
            let segment = (22 * 60 - 5 * 60) / count
            weekly[weekday] = (0..<count).map { index in
                let segmentStart = 5 * 60 + index * segment
                let start = segmentStart + Int.random(in: 0...(segment - 60), using: &rng)
                let end = Int.random(in: (start + 60)...(segmentStart + segment), using: &rng)
                return OfficeInterval(startMinute: start, endMinute: end)!
            }
        }
        return try! OfficeHours.make(weekly: weekly, cutOffMinute: Int.random(in: 0...1439, using: &rng)).get()
    }

    /// Random office hours with up to 40 days off and up to 8 compensatory days (on weekdays
    /// that are not worked) across 2026–2027.
    static func calendar(_ rng: inout SplitMix64) -> WorkingCalendar {
        let hours = officeHours(&rng)
        var daysOff = Set<LocalDate>()
        for _ in 0..<Int.random(in: 0...40, using: &rng) { daysOff.insert(date(&rng)) }
        var compensatory = Set<LocalDate>()
        for _ in 0..<Int.random(in: 0...8, using: &rng) {
            let candidate = date(&rng)
            if !hours.isWorked(candidate.weekday), !daysOff.contains(candidate) { compensatory.insert(candidate) }
        }
        let entries = daysOff.map { CalendarEntry(date: $0, kind: .dayOff) }
            + compensatory.map { CalendarEntry(date: $0, kind: .compensatoryWorkingDay) }
        return try! WorkingCalendar.make(officeHours: hours, entries: entries).get()
    }

    /// 1–60 working days or 1–120 working hours.
    static func budget(_ rng: inout SplitMix64) -> TimeBudget {
        Bool.random(using: &rng)
            ? try! TimeBudget.make(Int.random(in: 1...60, using: &rng), .workingDays).get()
            : try! TimeBudget.make(Int.random(in: 1...120, using: &rng), .workingHours).get()
    }
}
