import Domain

/// The holiday calendar of one year as the catalog answers it and announces it
/// (`catalog.calendar.changed`): days off, compensatory working days, office hours and cut-off.
public struct CalendarYearView: Codable, Sendable, Hashable {
    public var year: Int
    public var entries: [CalendarDay]
    /// Per weekday (`monday` … `sunday`), the office intervals; weekdays not listed are not worked.
    public var officeHours: [String: [OfficeSpan]]
    /// `HH:mm`: a dossier received later starts counting on the next working day.
    public var cutOff: String
    public var updatedAt: String?

    public init(year: Int, entries: [CalendarDay], officeHours: [String: [OfficeSpan]], cutOff: String, updatedAt: String?) {
        self.year = year
        self.entries = entries
        self.officeHours = officeHours
        self.cutOff = cutOff
        self.updatedAt = updatedAt
    }
}

/// One calendar entry: `date` (`YYYY-MM-DD`), `kind` (`dayOff` | `compensatoryWorkingDay`), `name`.
public struct CalendarDay: Codable, Sendable, Hashable {
    public var date: String
    public var kind: String
    public var name: String

    public init(date: String, kind: String, name: String) {
        self.date = date
        self.kind = kind
        self.name = name
    }
}

/// An office interval, `HH:mm` to `HH:mm`.
public struct OfficeSpan: Codable, Sendable, Hashable {
    public var start: String
    public var end: String

    public init(start: String, end: String) {
        self.start = start
        self.end = end
    }
}

/// `catalog.calendar.get` and `.put` (with the raw body, validated by the catalog).
public struct CalendarYearRequest: Codable, Sendable {
    public var year: Int
    public var body: JSONValue?

    public init(year: Int, body: JSONValue? = nil) {
        self.year = year
        self.body = body
    }
}
