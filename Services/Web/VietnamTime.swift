import Foundation

/// Dates and times as the pages show them: `dd/MM/yyyy`, `HH:mm`, in Vietnam time (UTC+7, no DST).
public enum VietnamTime {
    public static let timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? TimeZone(secondsFromGMT: 7 * 3600)!

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }()

    private static func components(_ date: Date) -> DateComponents {
        calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
    }

    /// `04/12/2026`.
    public static func day(_ date: Date) -> String {
        let parts = components(date)
        return String(format: "%02d/%02d/%04d", parts.day ?? 0, parts.month ?? 0, parts.year ?? 0)
    }

    /// `17:00`.
    public static func time(_ date: Date) -> String {
        let parts = components(date)
        return String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
    }

    /// `04/12/2026 17:00`.
    public static func dateTime(_ date: Date) -> String { "\(day(date)) \(time(date))" }

    /// The machine-readable form for `<time datetime=…>`: ISO 8601 with the +07:00 offset.
    /// Formatted from the components: an `ISO8601DateFormatter` made per call was a sixth of the
    /// gateway's CPU on the status page (docs/benchmark.md).
    public static func iso(_ date: Date) -> String {
        let parts = components(date)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d+07:00", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0,
                      parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
    }
}
