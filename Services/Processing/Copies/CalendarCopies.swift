import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO

/// The working calendar from processing's copies of the catalog's yearly calendars.
struct CalendarCopies: Sendable {
    let schema: String

    /// Every copied year's holidays and swaps, with the office hours of the year of `moment`.
    func calendar(at moment: Moment, on connection: PostgresConnection, logger: Logger) async throws -> WorkingCalendar {
        var views: [CalendarYearView] = []
        for try await body in try await connection.query("""
            SELECT body::text FROM \(unescaped: schema).calendars ORDER BY year
            """, logger: logger).decode(String.self) {
            views.append(try WireJSON.decode(CalendarYearView.self, from: Data(body.utf8)))
        }
        return CalendarYearView.workingCalendar(views, officeHoursOf: moment.vietnamDate.year)
    }
}
