/// A calendar date without time or zone (a day in Asia/Ho_Chi_Minh when it comes from a moment).
public struct LocalDate: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Validates the date against the Gregorian calendar; nil when it does not exist.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...LocalDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYMMDD` as used in dossier codes (years 2000–2099).
    public init?(compactYYMMDD text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 6, bytes.allSatisfy(isDigit) else { return nil }
        func number(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + Int(bytes[$1] - 48) } }
        self.init(year: 2000 + number(0..<2), month: number(2..<4), day: number(4..<6))
    }

    /// `YYMMDD`, the form used inside dossier codes.
    public var compactYYMMDD: String {
        two(year % 100) + two(month) + two(day)
    }

    /// ISO 8601 `YYYY-MM-DD`.
    public var description: String {
        String(year) + "-" + two(month) + "-" + two(day)
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for converting from instants without Foundation.
    public init(daysSinceEpoch: Int) {
        // Howard Hinnant's civil_from_days.
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    /// The day in Vietnam (UTC+7, no daylight saving) of a moment given in seconds since 1970.
    public static func inVietnam(secondsSinceEpoch: Double) -> LocalDate {
        let local = Int((secondsSinceEpoch + 7 * 3600).rounded(.down))
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        return LocalDate(daysSinceEpoch: days)
    }
}

private func two(_ value: Int) -> String {
    value < 10 ? "0" + String(value) : String(value)
}
