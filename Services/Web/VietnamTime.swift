import Foundation

/// Dates and times as the pages show them: `dd/MM/yyyy`, `HH:mm`, in Vietnam time (UTC+7, no DST).
public enum VietnamTime {
    public static let timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? TimeZone(secondsFromGMT: 7 * 3600)!

    private static func components(_ date: Date) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
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
    public static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = timeZone
        return formatter.string(from: date)
    }
}
