/// When an office works: per weekday a list of office intervals in local minutes, plus the daily
/// cut-off after which a received dossier starts counting on the next working day.
///
/// The default (`standard`) is Monday–Friday 07:30–11:30 and 13:00–17:00, i.e. one working day =
/// 8 working hours, with a 15:00 cut-off (DOMAIN.md, "Time").
public struct OfficeHours: Sendable, Hashable, Codable {
    /// Intervals per weekday, sorted and non-overlapping; weekdays not listed are not worked.
    public let weekly: [Weekday: [OfficeInterval]]
    /// Minute of the day after which a reception counts from the next working day.
    public let cutOffMinute: Int

    /// Monday–Friday 07:30–11:30 and 13:00–17:00, cut-off 15:00.
    public static let standard: OfficeHours = {
        let day = [OfficeInterval(startMinute: 7 * 60 + 30, endMinute: 11 * 60 + 30)!,
                   OfficeInterval(startMinute: 13 * 60, endMinute: 17 * 60)!]
        let weekdays: [Weekday] = [.monday, .tuesday, .wednesday, .thursday, .friday]
        return OfficeHours(checkedWeekly: Dictionary(uniqueKeysWithValues: weekdays.map { ($0, day) }),
                           cutOffMinute: 15 * 60)
    }()

    /// Validates and normalises (sorts intervals, drops weekdays without intervals); lists every
    /// problem at once.
    public static func make(weekly: [Weekday: [OfficeInterval]], cutOffMinute: Int) -> Result<OfficeHours, CalendarValidationFailure> {
        var problems: [CalendarProblem] = []
        var normalised: [Weekday: [OfficeInterval]] = [:]
        for (weekday, intervals) in weekly.sorted(by: { $0.key < $1.key }) where !intervals.isEmpty {
            let sorted = intervals.sorted { $0.startMinute < $1.startMinute }
            if zip(sorted, sorted.dropFirst()).contains(where: { $1.startMinute < $0.endMinute }) {
                problems.append(.overlappingIntervals(weekday))
            }
            normalised[weekday] = sorted
        }
        if !(0...OfficeInterval.latestEndMinute).contains(cutOffMinute) { problems.append(.cutOffOutOfRange(cutOffMinute)) }
        if normalised.isEmpty { problems.append(.noWorkingWeekday) }
        guard problems.isEmpty else { return .failure(CalendarValidationFailure(problems)) }
        return .success(OfficeHours(checkedWeekly: normalised, cutOffMinute: cutOffMinute))
    }

    private init(checkedWeekly: [Weekday: [OfficeInterval]], cutOffMinute: Int) {
        self.weekly = checkedWeekly
        self.cutOffMinute = cutOffMinute
    }

    /// The intervals of a weekday; empty when it is not worked.
    public func intervals(on weekday: Weekday) -> [OfficeInterval] {
        weekly[weekday] ?? []
    }

    /// True when the weekday has office hours.
    public func isWorked(_ weekday: Weekday) -> Bool {
        weekly[weekday] != nil
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let result = OfficeHours.make(weekly: try container.decode([Weekday: [OfficeInterval]].self, forKey: .weekly),
                                      cutOffMinute: try container.decode(Int.self, forKey: .cutOffMinute))
        switch result {
        case .success(let hours): self = hours
        case .failure(let failure):
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: failure.problems.map(\.description).joined(separator: "; ")))
        }
    }
}
