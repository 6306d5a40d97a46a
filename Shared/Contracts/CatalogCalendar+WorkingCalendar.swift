import Domain

extension CalendarYearView {
    /// The weekday names used in `officeHours`, Monday first.
    public static let weekdayNames: [(name: String, weekday: Weekday)] = [
        ("monday", .monday), ("tuesday", .tuesday), ("wednesday", .wednesday), ("thursday", .thursday),
        ("friday", .friday), ("saturday", .saturday), ("sunday", .sunday),
    ]

    /// The working calendar of the published years `views` (validated by the catalog when they
    /// were saved): every year's holidays and swapped days, with the office hours and cut-off of
    /// `year`'s view (or of the latest before it). Without any view, the standard week.
    public static func workingCalendar(_ views: [CalendarYearView], officeHoursOf year: Int) -> WorkingCalendar {
        let sorted = views.sorted { $0.year < $1.year }
        guard let hoursView = sorted.last(where: { $0.year <= year }) ?? sorted.first else { return .standard }
        var weekly: [Weekday: [OfficeInterval]] = [:]
        for (name, weekday) in weekdayNames {
            weekly[weekday] = (hoursView.officeHours[name] ?? []).compactMap { span in
                guard let start = minuteOfDay(span.start), let end = minuteOfDay(span.end) else { return nil }
                return OfficeInterval(startMinute: start, endMinute: end)
            }
        }
        guard case .success(let hours) = OfficeHours.make(weekly: weekly, cutOffMinute: minuteOfDay(hoursView.cutOff) ?? OfficeHours.standard.cutOffMinute) else {
            return .standard
        }
        let entries = sorted.flatMap { view in
            view.entries.compactMap { day -> CalendarEntry? in
                guard let date = LocalDate(iso: day.date), let kind = CalendarEntry.Kind(rawValue: day.kind) else { return nil }
                return CalendarEntry(date: date, kind: kind, name: day.name)
            }
        }
        switch WorkingCalendar.make(officeHours: hours, entries: entries) {
        case .success(let calendar): return calendar
        case .failure: return WorkingCalendar(officeHours: hours)
        }
    }

    /// `HH:mm` (two digits each, 00:00–23:59) as minutes after midnight.
    public static func minuteOfDay(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 }), let hour = Int(parts[0]), let minute = Int(parts[1]),
              (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        return hour * 60 + minute
    }
}
