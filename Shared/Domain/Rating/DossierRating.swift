/// How the applicant judged the handling of their dossier, once its result was returned
/// (issue 15, "Rating"; the three answers OpenCPS and DIGIT offer).
public enum RatingValue: String, CaseIterable, Sendable, Codable, Hashable {
    case satisfied
    case acceptable
    case unsatisfied

    /// The answer as the portal writes it.
    public var vietnameseName: String {
        switch self {
        case .satisfied: "Hài lòng"
        case .acceptable: "Chấp nhận được"
        case .unsatisfied: "Không hài lòng"
        }
    }
}

/// Who may rate a dossier, when, and what a rating may say. Pure: processing applies it under
/// the case's row lock with the facts it stores.
public enum RatingRule {
    /// The longest comment, in Unicode code points (what PostgreSQL's `char_length` counts).
    public static let maximumCommentLength = 1_000

    /// Who is rating: the holder of the lookup token given at submission, or the dossier's
    /// owner signed in as a citizen.
    public enum Rater: String, Sendable, Hashable, CaseIterable {
        case lookupTokenHolder = "lookup-token"
        case owner
    }

    /// Why a dossier may not be rated now.
    public enum Refusal: Sendable, Hashable {
        /// The result has not been returned (national status 10) — or never will be.
        case notReturned(DossierState)
        /// The dossier was rated already; a rating is given once.
        case alreadyRated
    }

    /// The rater a request speaks for, or nil when it speaks for nobody who may rate. With a
    /// token, the token alone decides (`tokenMatches`); without one, only the signed-in owner
    /// holding the citizen role. Staff never rate on an applicant's behalf.
    public static func rater(tokenMatches: Bool?, ownerId: String?, callerId: String?, callerIsCitizen: Bool) -> Rater? {
        if let tokenMatches { return tokenMatches ? .lookupTokenHolder : nil }
        guard let ownerId, let callerId, callerIsCitizen, ownerId == callerId else { return nil }
        return .owner
    }

    /// Why a dossier in `state` may not be rated; nil when it may.
    public static func refusal(state: DossierState, alreadyRated: Bool) -> Refusal? {
        guard state == .returned else { return .notReturned(state) }
        return alreadyRated ? .alreadyRated : nil
    }

    /// True when a dossier in `state` awaits its rating.
    public static func isRateable(state: DossierState, alreadyRated: Bool) -> Bool {
        refusal(state: state, alreadyRated: alreadyRated) == nil
    }

    /// The rating and its comment (trimmed; nil when empty), or every field error at once:
    /// `rating` not one of the three answers, `comment` too long or with control characters
    /// other than line breaks and tabs.
    public static func validated(rating: String, comment: String?) throws(ValidationFailure) -> (RatingValue, String?) {
        var errors: [FieldError] = []
        let value = RatingValue(rawValue: rating.trimmingWhitespace)
        if value == nil {
            errors.append(FieldError(field: "rating", message: "must be one of "
                                     + RatingValue.allCases.map(\.rawValue).joined(separator: ", ")))
        }
        let trimmed = comment?.trimmingWhitespace
        let text = trimmed?.isEmpty == false ? trimmed : nil
        if let text {
            if text.unicodeScalars.count > maximumCommentLength {
                errors.append(FieldError(field: "comment", message: "must be at most \(maximumCommentLength) characters"))
            } else if text.unicodeScalars.contains(where: isForbidden) {
                errors.append(FieldError(field: "comment", message: "must not contain control characters"))
            }
        }
        guard errors.isEmpty, let value else { throw ValidationFailure(errors) }
        return (value, text)
    }

    /// Control characters, except the line breaks and tabs a multi-line comment has.
    private static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.properties.generalCategory == .control else { return false }
        return !["\n", "\r", "\t"].contains(scalar)
    }
}
