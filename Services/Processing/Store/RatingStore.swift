import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO

/// `processing.ratings`: one rating per dossier, written under the case's row lock.
struct RatingStore: Sendable {
    let schema: String

    /// The dossier's rating, if it was rated.
    func rating(of code: String, on connection: PostgresConnection, logger: Logger) async throws -> DossierRatingView? {
        for try await (rating, comment, ratedAt) in try await connection.query("""
            SELECT rating, comment, rated_at FROM \(unescaped: schema).ratings WHERE code = \(code)
            """, logger: logger).decode((String, String?, Date).self) {
            guard let value = RatingValue(rawValue: rating) else { continue }
            return DossierRatingView(code: code, rating: value, comment: comment, ratedAt: ratedAt)
        }
        return nil
    }

    /// Records the rating; false when the dossier has one already (nothing is changed then).
    func insert(_ rating: DossierRatingView, by rater: RatingRule.Rater, on connection: PostgresConnection,
                logger: Logger) async throws -> Bool {
        var inserted = false
        for try await _ in try await connection.query("""
            INSERT INTO \(unescaped: schema).ratings (code, rating, comment, rated_by, rated_at)
            VALUES (\(rating.code), \(rating.rating.rawValue), \(rating.comment), \(rater.rawValue), \(rating.ratedAt))
            ON CONFLICT (code) DO NOTHING RETURNING 1
            """, logger: logger) {
            inserted = true
        }
        return inserted
    }
}
