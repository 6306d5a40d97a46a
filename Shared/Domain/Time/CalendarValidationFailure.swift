/// One problem found while setting up office hours or a working calendar.
public enum CalendarProblem: Sendable, Hashable, CustomStringConvertible {
    /// Two intervals of the same weekday overlap.
    case overlappingIntervals(Weekday)
    /// The cut-off is not a minute of the day (0...1439).
    case cutOffOutOfRange(Int)
    /// No weekday has office hours, so no day could ever be worked.
    case noWorkingWeekday
    /// Monday has no office hours, yet compensatory days work Monday's hours.
    case compensatoryDaysWithoutMondayHours
    /// The same date is both a day off and a compensatory working day.
    case bothDayOffAndCompensatory(LocalDate)
    /// The same date is listed twice with the same kind.
    case listedTwice(LocalDate)
    /// A compensatory working day falls on a weekday that is worked anyway.
    case compensatoryOnRegularWorkingDay(LocalDate)

    public var description: String {
        switch self {
        case .overlappingIntervals(let weekday): "office intervals of \(weekday) overlap"
        case .cutOffOutOfRange(let minute): "cut-off minute \(minute) is not within 0...1439"
        case .noWorkingWeekday: "no weekday has office hours"
        case .compensatoryDaysWithoutMondayHours: "compensatory days work Monday's hours, but Monday has none"
        case .bothDayOffAndCompensatory(let date): "\(date) is both a day off and a compensatory working day"
        case .listedTwice(let date): "\(date) is listed twice"
        case .compensatoryOnRegularWorkingDay(let date): "\(date) is a regular working day, so it cannot be a compensatory working day"
        }
    }
}

/// Every problem found in one pass over office hours or calendar entries.
public struct CalendarValidationFailure: Error, Sendable, Hashable {
    public let problems: [CalendarProblem]
    public init(_ problems: [CalendarProblem]) { self.problems = problems }
}
