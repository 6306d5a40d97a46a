import Foundation

/// Calendar fields in Vietnam time (Asia/Ho_Chi_Minh: UTC+7 all year, no daylight saving time),
/// computed arithmetically so no time-zone database is needed.
struct VietnamTime: Equatable {
    static let offsetSeconds = 7 * 3600

    let year: Int
    let month: Int
    let day: Int
    let hour: Int
    let minute: Int
    /// Days since 1970-01-01 in Vietnam time; compares calendar dates.
    let dayNumber: Int

    init(_ date: Date) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + Self.offsetSeconds
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        let secondOfDay = seconds - days * 86_400
        dayNumber = days
        hour = secondOfDay / 3600
        minute = secondOfDay % 3600 / 60
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// "dd/MM/yyyy HH:mm".
    var dateTime: String {
        "\(Self.two(day))/\(Self.two(month))/\(year) \(Self.two(hour)):\(Self.two(minute))"
    }

    /// "yyyy-MM-ddTHH:mm:00+07:00" (minute precision).
    var iso8601: String {
        "\(year)-\(Self.two(month))-\(Self.two(day))T\(Self.two(hour)):\(Self.two(minute)):00+07:00"
    }

    /// "dd/MM/yyyy".
    var date: String {
        "\(Self.two(day))/\(Self.two(month))/\(year)"
    }

    /// "ngày 05 tháng 3 năm 2026": per Decree 30/2020/NĐ-CP, days below 10 and the months 1 and 2
    /// take a leading zero.
    var dateLine: String {
        "ngày \(Self.two(day)) tháng \(month <= 2 ? Self.two(month) : String(month)) năm \(year)"
    }

    private static func two(_ value: Int) -> String {
        value < 10 ? "0\(value)" : String(value)
    }
}
