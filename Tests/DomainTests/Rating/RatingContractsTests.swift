import Contracts
import Domain
import Foundation
import Testing

/// The wire shapes of ratings: the report's counts, additive to the statistical report's rows,
/// and the event, which carries the answer and nothing of the applicant.
@Suite struct RatingContractsTests {
    @Test func countsAddUpPerAnswer() {
        let counts = RatingCounts().adding(.satisfied).adding(.satisfied).adding(.unsatisfied, count: 3)
        #expect(counts == RatingCounts(satisfied: 2, acceptable: 0, unsatisfied: 3))
        #expect(counts.total == 5)
        let sum = counts + RatingCounts(acceptable: 4)
        #expect((sum.satisfied, sum.acceptable, sum.unsatisfied, sum.total) == (2, 4, 3, 9))
        #expect(RatingCounts() + RatingCounts() == RatingCounts())
    }

    @Test func aRowWithoutRatingsEncodesAsBefore() throws {
        let plain = try JSONSerialization.jsonObject(with: try WireJSON.encode(StatisticsRow(group: "A", figures: .zero))) as? [String: Any]
        #expect(plain?.keys.contains("ratings") == false, "the dashboard's day row is unchanged")
        let rated = StatisticsRow(group: "A", figures: .zero, ratings: RatingCounts(satisfied: 1, acceptable: 2))
        let json = try JSONSerialization.jsonObject(with: try WireJSON.encode(rated)) as? [String: Any]
        #expect(json?["ratings"] as? [String: Int] == ["satisfied": 1, "acceptable": 2, "unsatisfied": 0, "total": 3])
        #expect(try WireJSON.decode(StatisticsRow.self, from: try WireJSON.encode(rated)) == rated)
    }

    @Test func theEventCarriesTheAnswerOnly() throws {
        let event = DossierRated(code: "000.00.01.H30-261203-0001", agencyCode: "000.00.01.H30", procedureCode: "1.001193",
                                 rating: .acceptable, ratedAt: Date(timeIntervalSince1970: 1_796_270_400))
        let json = try JSONSerialization.jsonObject(with: try WireJSON.encode(event)) as? [String: Any]
        #expect(Set(json?.keys ?? [:].keys) == ["code", "agencyCode", "procedureCode", "rating", "ratedAt"])
        #expect(json?["rating"] as? String == "acceptable")
        #expect(EventName.dossierRated.routingKey == "processing.dossier.rated")
        #expect(EventName.dossierRated.type == "vn.onegate.dossier.rated.v1")
    }
}
