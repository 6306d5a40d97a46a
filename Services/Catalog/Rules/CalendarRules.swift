import Contracts
import Domain

/// Reads a year's holiday calendar from a request body and validates it with Domain/Time's
/// `OfficeHours.make` and `WorkingCalendar.make`, listing every problem at once.
///
/// Body: `{"entries": [{"date": "2026-04-30", "kind": "dayOff", "name": "…"}],
/// "officeHours": {"monday": [{"start": "07:30", "end": "11:30"}, …], …}, "cutOff": "15:00"}`;
/// `officeHours` and `cutOff` default to `OfficeHours.standard`.
enum CalendarRules {
    static let weekdayNames = CalendarYearView.weekdayNames

    static func validate(year: Int, body: JSONValue) throws -> (view: CalendarYearView, calendar: WorkingCalendar) {
        guard (2000...2100).contains(year) else { throw ValidationFailure([FieldError(field: "year", message: "must be from 2000 to 2100")]) }
        let reader = JSONReader()
        guard let object = reader.object(body, "", allowed: ["entries", "officeHours", "cutOff"]) else {
            throw ValidationFailure([FieldError(field: "", message: "the body must be a JSON object")])
        }
        var entries: [CalendarEntry] = []
        for (index, item) in (reader.array(object, "entries", "", required: true) ?? []).enumerated() {
            let path = "entries[\(index)]"
            guard let entry = reader.object(item, path, allowed: ["date", "kind", "name"]) else { continue }
            let dateText = reader.string(entry, "date", path, maxLength: 10)
            let date = dateText.flatMap(EFormValidator.parseDate)
            if dateText != nil {
                if date == nil { reader.fail("\(path).date", "must be a date written YYYY-MM-DD") }
                else if date?.year != year { reader.fail("\(path).date", "must fall in \(year)") }
            }
            let kindText = reader.string(entry, "kind", path, maxLength: 30)
            let kind = kindText.flatMap(CalendarEntry.Kind.init(rawValue:))
            if kindText != nil, kind == nil { reader.fail("\(path).kind", "must be dayOff or compensatoryWorkingDay") }
            let name = reader.string(entry, "name", path, required: false, maxLength: 200) ?? ""
            if let date, let kind, date.year == year { entries.append(CalendarEntry(date: date, kind: kind, name: name)) }
        }
        var weekly = OfficeHours.standard.weekly
        if object["officeHours"] != nil {
            weekly = [:]
            if let days = reader.object(object["officeHours"], "officeHours", allowed: Set(weekdayNames.map(\.0))) {
                for (name, weekday) in weekdayNames {
                    for (index, item) in (reader.array(days, name, "officeHours", required: false) ?? []).enumerated() {
                        let path = "officeHours.\(name)[\(index)]"
                        guard let span = reader.object(item, path, allowed: ["start", "end"]) else { continue }
                        let start = reader.string(span, "start", path, maxLength: 5).flatMap { minute($0, "\(path).start", reader) }
                        let end = reader.string(span, "end", path, maxLength: 5).flatMap { minute($0, "\(path).end", reader) }
                        guard let start, let end else { continue }
                        guard let interval = OfficeInterval(startMinute: start, endMinute: end) else {
                            reader.fail(path, "must end after it starts")
                            continue
                        }
                        weekly[weekday, default: []].append(interval)
                    }
                }
            }
        }
        var cutOff = OfficeHours.standard.cutOffMinute
        if let text = reader.string(object, "cutOff", "", required: false, maxLength: 5) {
            cutOff = minute(text, "cutOff", reader) ?? cutOff
        }
        guard reader.errors.isEmpty else { throw ValidationFailure(reader.errors) }
        let hours: OfficeHours
        switch OfficeHours.make(weekly: weekly, cutOffMinute: cutOff) {
        case .success(let made): hours = made
        case .failure(let failure): throw ValidationFailure(failure.problems.map { FieldError(field: field(of: $0), message: $0.description) })
        }
        switch WorkingCalendar.make(officeHours: hours, entries: entries) {
        case .success(let calendar): return (view(year: year, calendar: calendar, updatedAt: nil), calendar)
        case .failure(let failure): throw ValidationFailure(failure.problems.map { FieldError(field: field(of: $0), message: $0.description) })
        }
    }

    static func view(year: Int, calendar: WorkingCalendar, updatedAt: String?) -> CalendarYearView {
        var hours: [String: [OfficeSpan]] = [:]
        for (name, weekday) in weekdayNames where calendar.officeHours.isWorked(weekday) {
            hours[name] = calendar.officeHours.intervals(on: weekday).map { OfficeSpan(start: clock($0.startMinute), end: clock($0.endMinute)) }
        }
        return CalendarYearView(year: year,
                                entries: calendar.entries.map { CalendarDay(date: $0.date.description, kind: $0.kind.rawValue, name: $0.name) },
                                officeHours: hours, cutOff: clock(calendar.officeHours.cutOffMinute), updatedAt: updatedAt)
    }

    /// The field a calendar problem is about.
    static func field(of problem: CalendarProblem) -> String {
        switch problem {
        case .overlappingIntervals(let weekday): "officeHours." + (weekdayNames.first { $0.1 == weekday }?.0 ?? "")
        case .cutOffOutOfRange: "cutOff"
        case .noWorkingWeekday, .compensatoryDaysWithoutMondayHours: "officeHours"
        case .bothDayOffAndCompensatory, .listedTwice, .compensatoryOnRegularWorkingDay: "entries"
        }
    }

    /// `HH:mm` as a minute of the day.
    static func minute(_ text: String, _ path: String, _ reader: JSONReader) -> Int? {
        guard let minute = CalendarYearView.minuteOfDay(text) else {
            reader.fail(path, "must be a time written HH:mm")
            return nil
        }
        return minute
    }

    static func clock(_ minute: Int) -> String {
        func two(_ value: Int) -> String { value < 10 ? "0" + String(value) : String(value) }
        return two(minute / 60) + ":" + two(minute % 60)
    }
}
