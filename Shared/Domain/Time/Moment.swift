/// An instant, as whole seconds since 1970-01-01T00:00:00Z. Encoded as that plain number.
///
/// Local views are in Vietnam (Asia/Ho_Chi_Minh), which is UTC+7 all year: it has had no daylight
/// saving since 1975, so a fixed offset is exact for every date this system handles.
public struct Moment: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public let secondsSinceEpoch: Int64

    /// Vietnam's offset from UTC, in seconds.
    public static let vietnamOffsetSeconds: Int64 = 7 * 3600
    static let secondsPerDay: Int64 = 86_400

    public init(secondsSinceEpoch: Int64) {
        self.secondsSinceEpoch = secondsSinceEpoch
    }

    /// The moment a Vietnam wall clock shows `hour:minute:second` on `date`; nil for an
    /// impossible time of day.
    public init?(vietnam date: LocalDate, hour: Int, minute: Int, second: Int = 0) {
        guard (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second) else { return nil }
        self.init(vietnam: date, secondOfDay: hour * 3600 + minute * 60 + second)
    }

    /// The moment `secondOfDay` seconds after local midnight starting `date` (past 86,400 it runs
    /// into the following days).
    init(vietnam date: LocalDate, secondOfDay: Int) {
        self.init(secondsSinceEpoch: Int64(date.daysSinceEpoch) * Self.secondsPerDay
                  + Int64(secondOfDay) - Self.vietnamOffsetSeconds)
    }

    /// The first second of `date` in Vietnam (local midnight).
    public static func startOfVietnamDay(_ date: LocalDate) -> Moment {
        Moment(vietnam: date, secondOfDay: 0)
    }

    /// The last second of `date` in Vietnam (23:59:59).
    public static func endOfVietnamDay(_ date: LocalDate) -> Moment {
        Moment(vietnam: date, secondOfDay: 86_399)
    }

    private var localSeconds: Int64 { secondsSinceEpoch + Self.vietnamOffsetSeconds }

    /// The calendar date in Vietnam.
    public var vietnamDate: LocalDate {
        LocalDate(daysSinceEpoch: Int(floorDivide(localSeconds, Self.secondsPerDay)))
    }

    /// Seconds since local midnight in Vietnam, 0..<86,400.
    public var vietnamSecondOfDay: Int {
        Int(localSeconds - floorDivide(localSeconds, Self.secondsPerDay) * Self.secondsPerDay)
    }

    /// Minutes since local midnight in Vietnam, 0..<1,440 (seconds are dropped).
    public var vietnamMinuteOfDay: Int { vietnamSecondOfDay / 60 }

    /// The moment `seconds` seconds later (earlier when negative).
    public func adding(seconds: Int64) -> Moment {
        Moment(secondsSinceEpoch: secondsSinceEpoch + seconds)
    }

    /// ISO 8601 in Vietnam local time, e.g. `2026-04-29T17:00:00+07:00`.
    public var description: String {
        let second = vietnamSecondOfDay
        return "\(vietnamDate)T\(twoDigits(second / 3600)):\(twoDigits(second / 60 % 60)):\(twoDigits(second % 60))+07:00"
    }

    public static func < (lhs: Moment, rhs: Moment) -> Bool { lhs.secondsSinceEpoch < rhs.secondsSinceEpoch }

    public init(from decoder: any Decoder) throws {
        self.init(secondsSinceEpoch: try decoder.singleValueContainer().decode(Int64.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(secondsSinceEpoch)
    }
}

private func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
    value >= 0 ? value / divisor : (value - divisor + 1) / divisor
}

private func twoDigits(_ value: Int) -> String {
    value < 10 ? "0" + String(value) : String(value)
}
