import Domain
import Foundation

/// `processing.rate`: the applicant's one rating of a dossier whose result was returned. Either
/// `lookupToken` (anyone holding the token given at submission) or, without it, the caller signed
/// in as the dossier's owner.
public struct DossierRatingCommand: Codable, Sendable, Hashable {
    public var code: String
    public var lookupToken: String?
    /// `satisfied`, `acceptable` or `unsatisfied` (`RatingValue`), as the form sent it.
    public var rating: String
    /// Optional; trimmed, at most `RatingRule.maximumCommentLength` characters. Kept by processing
    /// only: it reaches no event, report or partner.
    public var comment: String?

    public init(code: String, lookupToken: String?, rating: String, comment: String? = nil) {
        self.code = code
        self.lookupToken = lookupToken
        self.rating = rating
        self.comment = comment
    }
}

/// A dossier's rating as its applicant gave it.
public struct DossierRatingView: Codable, Sendable, Hashable {
    public var code: String
    public var rating: RatingValue
    public var comment: String?
    public var ratedAt: Date

    public init(code: String, rating: RatingValue, comment: String?, ratedAt: Date) {
        self.code = code
        self.rating = rating
        self.comment = comment
        self.ratedAt = ratedAt
    }
}

/// The reply of `processing.rating` (a `DossierLookup`, admitted as `processing.status` admits):
/// whether the applicant may rate now, and the rating once given.
public struct DossierRatingState: Codable, Sendable, Hashable {
    public var code: String
    /// True when the result was returned and no rating was given yet: show the form.
    public var canRate: Bool
    public var rating: DossierRatingView?

    public init(code: String, canRate: Bool, rating: DossierRatingView?) {
        self.code = code
        self.canRate = canRate
        self.rating = rating
    }
}

/// `processing.dossier.rated`: a returned dossier was rated. No comment and nothing of the
/// applicant: the figures need the answer, the agency and the procedure only.
public struct DossierRated: Codable, Sendable, Hashable {
    public var code: String
    public var agencyCode: String
    public var procedureCode: String
    public var rating: RatingValue
    public var ratedAt: Date

    public init(code: String, agencyCode: String, procedureCode: String, rating: RatingValue, ratedAt: Date) {
        self.code = code
        self.agencyCode = agencyCode
        self.procedureCode = procedureCode
        self.rating = rating
        self.ratedAt = ratedAt
    }
}

extension EventName {
    /// The applicant rated a returned dossier (`DossierRated`).
    public static let dossierRated = EventName(routingKey: "processing.dossier.rated")
}

/// The ratings given in a report's period, for one group or the total.
public struct RatingCounts: Codable, Sendable, Hashable {
    public var satisfied: Int
    public var acceptable: Int
    public var unsatisfied: Int
    public var total: Int

    public init(satisfied: Int = 0, acceptable: Int = 0, unsatisfied: Int = 0) {
        self.satisfied = satisfied
        self.acceptable = acceptable
        self.unsatisfied = unsatisfied
        self.total = satisfied + acceptable + unsatisfied
    }

    /// The counts with one more `value`.
    public func adding(_ value: RatingValue, count: Int = 1) -> RatingCounts {
        switch value {
        case .satisfied: RatingCounts(satisfied: satisfied + count, acceptable: acceptable, unsatisfied: unsatisfied)
        case .acceptable: RatingCounts(satisfied: satisfied, acceptable: acceptable + count, unsatisfied: unsatisfied)
        case .unsatisfied: RatingCounts(satisfied: satisfied, acceptable: acceptable, unsatisfied: unsatisfied + count)
        }
    }

    public static func + (lhs: RatingCounts, rhs: RatingCounts) -> RatingCounts {
        RatingCounts(satisfied: lhs.satisfied + rhs.satisfied, acceptable: lhs.acceptable + rhs.acceptable,
                     unsatisfied: lhs.unsatisfied + rhs.unsatisfied)
    }
}
