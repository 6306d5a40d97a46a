/// One administrator-edited line of the holiday calendar (DOMAIN.md, "Time": the holiday calendar
/// is data, because the Prime Minister fixes the exact days and swaps each year).
public struct CalendarEntry: Sendable, Hashable, Codable {
    /// What the entry does to its date.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// Not worked: a public holiday, a weekday of Tết, or an adjacent day granted as a swap.
        case dayOff
        /// A Saturday or Sunday worked in exchange for a granted day off, with Monday's office hours.
        case compensatoryWorkingDay
    }

    public let date: LocalDate
    public let kind: Kind
    /// What the day is, as shown to administrators (e.g. "Ngày Quốc tế Lao động").
    public let name: String

    public init(date: LocalDate, kind: Kind, name: String = "") {
        self.date = date
        self.kind = kind
        self.name = name
    }
}
