import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO

/// `reporting.ratings`: the applicants' ratings, one per dossier, and their counts for the
/// statistical report.
struct RatingFiguresStore: Sendable {
    let schema: String

    /// Keeps a logged `processing.dossier.rated` (a dossier's second rating, which processing never
    /// sends, or the same one re-emitted, changes nothing).
    func record(_ rated: DossierRated, on connection: PostgresConnection, logger: Logger) async throws {
        let day = LocalDate.inVietnam(secondsSinceEpoch: rated.ratedAt.timeIntervalSince1970)
        try await connection.query("""
            INSERT INTO \(unescaped: schema).ratings (code, agency_code, procedure_code, rating, rated_at, day)
            VALUES (\(rated.code), \(rated.agencyCode), \(rated.procedureCode), \(rated.rating.rawValue), \(rated.ratedAt),
                    \(day.description)::date)
            ON CONFLICT (code) DO NOTHING
            """, logger: logger)
    }

    /// The ratings given on the period's days, per agency or procedure, within `filter`.
    func counts(period: ReportPeriod, groupBy: ReportGrouping, filter: StatisticsStore.Filter,
                on connection: PostgresConnection, logger: Logger) async throws -> [String: RatingCounts] {
        let key = groupBy == .agency ? "agency_code" : "procedure_code"
        var bindings = PostgresBindings()
        bindings.append(period.first.description)
        bindings.append(period.last.description)
        let conditions = filter.sql(&bindings)
        var counts: [String: RatingCounts] = [:]
        for try await (group, rating, count) in try await connection.query(PostgresQuery(unsafeSQL: """
            SELECT \(key), rating, count(*)::bigint FROM \(schema).ratings
            WHERE day >= $1::date AND day <= $2::date\(conditions)
            GROUP BY \(key), rating
            """, binds: bindings), logger: logger).decode((String, String, Int64).self) {
            guard let value = RatingValue(rawValue: rating) else { continue }
            counts[group] = (counts[group] ?? RatingCounts()).adding(value, count: Int(count))
        }
        return counts
    }
}
