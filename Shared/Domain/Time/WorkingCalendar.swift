/// Which days are worked and when: office hours plus the holiday calendar's entries (days off and
/// compensatory working days).
public struct WorkingCalendar: Sendable, Hashable, Codable {
    public let officeHours: OfficeHours
    /// The entries, sorted by date.
    public let entries: [CalendarEntry]
    private let daysOff: Set<LocalDate>
    private let compensatoryDays: Set<LocalDate>

    /// Standard office hours and no calendar entries.
    public static let standard = WorkingCalendar(officeHours: .standard)

    /// A calendar without entries.
    public init(officeHours: OfficeHours) {
        self.init(checkedOfficeHours: officeHours, sortedEntries: [])
    }

    /// Validates the entries against each other and the office hours; lists every problem at once.
    public static func make(officeHours: OfficeHours, entries: [CalendarEntry]) -> Result<WorkingCalendar, CalendarValidationFailure> {
        var problems: [CalendarProblem] = []
        var kinds: [LocalDate: CalendarEntry.Kind] = [:]
        let sorted = entries.map { (day: $0.date.daysSinceEpoch, entry: $0) }.sorted { $0.day < $1.day }.map(\.entry)
        for entry in sorted {
            if let earlier = kinds[entry.date] {
                problems.append(earlier == entry.kind ? .listedTwice(entry.date) : .bothDayOffAndCompensatory(entry.date))
                continue
            }
            kinds[entry.date] = entry.kind
            if entry.kind == .compensatoryWorkingDay, officeHours.isWorked(entry.date.weekday) {
                problems.append(.compensatoryOnRegularWorkingDay(entry.date))
            }
        }
        if kinds.values.contains(.compensatoryWorkingDay), !officeHours.isWorked(.monday) {
            problems.append(.compensatoryDaysWithoutMondayHours)
        }
        guard problems.isEmpty else { return .failure(CalendarValidationFailure(problems)) }
        return .success(WorkingCalendar(checkedOfficeHours: officeHours, sortedEntries: sorted))
    }

    private init(checkedOfficeHours officeHours: OfficeHours, sortedEntries entries: [CalendarEntry]) {
        self.officeHours = officeHours
        self.entries = entries
        self.daysOff = Set(entries.filter { $0.kind == .dayOff }.map(\.date))
        self.compensatoryDays = Set(entries.filter { $0.kind == .compensatoryWorkingDay }.map(\.date))
    }

    /// True when the date is worked: a regular working weekday that is not a day off, or a
    /// compensatory working day.
    public func isWorkingDay(_ date: LocalDate) -> Bool {
        if compensatoryDays.contains(date) { return true }
        return officeHours.isWorked(date.weekday) && !daysOff.contains(date)
    }

    /// The office intervals of a date; empty when it is not a working day.
    public func officeIntervals(on date: LocalDate) -> [OfficeInterval] {
        if compensatoryDays.contains(date) { return officeHours.intervals(on: .monday) }
        return daysOff.contains(date) ? [] : officeHours.intervals(on: date.weekday)
    }

    /// The first working day strictly after `date`. Always exists: validation guarantees at least
    /// one worked weekday, and the entries are finite.
    public func nextWorkingDay(after date: LocalDate) -> LocalDate {
        var candidate = date.adding(days: 1)
        while !isWorkingDay(candidate) { candidate = candidate.adding(days: 1) }
        return candidate
    }

    /// The last working day strictly before `date`.
    public func previousWorkingDay(before date: LocalDate) -> LocalDate {
        var candidate = date.adding(days: -1)
        while !isWorkingDay(candidate) { candidate = candidate.adding(days: -1) }
        return candidate
    }

    /// The working days from `first` through `last`, both included; empty when `last < first`.
    public func workingDays(from first: LocalDate, through last: LocalDate) -> [LocalDate] {
        let count = first.days(until: last)
        guard count >= 0 else { return [] }
        return (0...count).map { first.adding(days: $0) }.filter(isWorkingDay)
    }

    private enum CodingKeys: String, CodingKey { case officeHours, entries }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let result = WorkingCalendar.make(officeHours: try container.decode(OfficeHours.self, forKey: .officeHours),
                                          entries: try container.decode([CalendarEntry].self, forKey: .entries))
        switch result {
        case .success(let calendar): self = calendar
        case .failure(let failure):
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: failure.problems.map(\.description).joined(separator: "; ")))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(officeHours, forKey: .officeHours)
        try container.encode(entries, forKey: .entries)
    }
}
