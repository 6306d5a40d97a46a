import Domain
import Testing

/// The applicant's rating of a returned dossier: who may give it, when, once, and what it may say.
@Suite struct RatingRuleTests {
    @Test func theTokenAloneDecidesWhenOneIsGiven() {
        #expect(RatingRule.rater(tokenMatches: true, ownerId: nil, callerId: nil, callerIsCitizen: false) == .lookupTokenHolder)
        #expect(RatingRule.rater(tokenMatches: true, ownerId: "u-1", callerId: "u-2", callerIsCitizen: false) == .lookupTokenHolder,
                "anyone holding the token, as the status lookup")
        #expect(RatingRule.rater(tokenMatches: false, ownerId: nil, callerId: nil, callerIsCitizen: false) == nil)
        #expect(RatingRule.rater(tokenMatches: false, ownerId: "u-1", callerId: "u-1", callerIsCitizen: true) == nil,
                "a wrong token is refused even for the owner")
    }

    @Test func withoutATokenOnlyTheSignedInOwnerAsCitizenRates() {
        #expect(RatingRule.rater(tokenMatches: nil, ownerId: "u-1", callerId: "u-1", callerIsCitizen: true) == .owner)
        #expect(RatingRule.rater(tokenMatches: nil, ownerId: "u-1", callerId: "u-1", callerIsCitizen: false) == nil,
                "the owner's id without the citizen role")
        #expect(RatingRule.rater(tokenMatches: nil, ownerId: "u-1", callerId: "u-2", callerIsCitizen: true) == nil, "another citizen")
        #expect(RatingRule.rater(tokenMatches: nil, ownerId: nil, callerId: "u-1", callerIsCitizen: true) == nil,
                "an anonymous or counter dossier has no owner to sign in")
        #expect(RatingRule.rater(tokenMatches: nil, ownerId: "u-1", callerId: nil, callerIsCitizen: false) == nil, "anonymous")
    }

    @Test func onlyAReturnedDossierIsRateableAndOnlyOnce() {
        for state in DossierState.allCases where state != .returned {
            #expect(RatingRule.refusal(state: state, alreadyRated: false) == .notReturned(state), "\(state)")
            #expect(RatingRule.refusal(state: state, alreadyRated: true) == .notReturned(state), "\(state)")
            #expect(!RatingRule.isRateable(state: state, alreadyRated: false))
        }
        #expect(RatingRule.refusal(state: .returned, alreadyRated: false) == nil)
        #expect(RatingRule.isRateable(state: .returned, alreadyRated: false))
        #expect(RatingRule.refusal(state: .returned, alreadyRated: true) == .alreadyRated)
        #expect(!RatingRule.isRateable(state: .returned, alreadyRated: true))
        #expect(DossierState.returned.nationalStatus.rawValue == 10)
    }

    @Test func theThreeAnswersParseAndNothingElse() throws {
        for value in RatingValue.allCases {
            #expect(try RatingRule.validated(rating: value.rawValue, comment: nil).0 == value)
        }
        #expect(try RatingRule.validated(rating: " satisfied\n", comment: nil).0 == .satisfied)
        for bad in ["", "Satisfied", "not-satisfied", "good", "5", "satisfied,acceptable"] {
            #expect(throws: ValidationFailure([FieldError(field: "rating", message: "must be one of satisfied, acceptable, unsatisfied")]),
                    "\(bad)") { _ = try RatingRule.validated(rating: bad, comment: nil) }
        }
        #expect(Set(RatingValue.allCases.map(\.vietnameseName)) == ["Hài lòng", "Chấp nhận được", "Không hài lòng"])
    }

    @Test func theCommentIsTrimmedAndOptional() throws {
        #expect(try RatingRule.validated(rating: "acceptable", comment: nil).1 == nil)
        #expect(try RatingRule.validated(rating: "acceptable", comment: "").1 == nil)
        #expect(try RatingRule.validated(rating: "acceptable", comment: " \n\t ").1 == nil, "only whitespace is no comment")
        #expect(try RatingRule.validated(rating: "acceptable", comment: "  Cán bộ nhiệt tình.\nCảm ơn!  ").1
                == "Cán bộ nhiệt tình.\nCảm ơn!")
        #expect(try RatingRule.validated(rating: "acceptable", comment: "Cột\tmột").1 == "Cột\tmột", "tabs kept")
    }

    @Test func theCommentIsBoundedInCodePoints() throws {
        let longest = String(repeating: "ệ", count: RatingRule.maximumCommentLength)
        #expect(try RatingRule.validated(rating: "satisfied", comment: longest).1 == longest)
        #expect(try RatingRule.validated(rating: "satisfied", comment: "  " + longest + "  ").1 == longest, "trimmed before counting")
        let tooLong = ValidationFailure([FieldError(field: "comment", message: "must be at most 1000 characters")])
        #expect(throws: tooLong) { _ = try RatingRule.validated(rating: "satisfied", comment: longest + "x") }
        // "ệ" decomposed is three code points (e, combining circumflex, combining dot below): counted as PostgreSQL counts.
        let decomposed = String(repeating: "e\u{0302}\u{0323}", count: 334)
        #expect(throws: tooLong) { _ = try RatingRule.validated(rating: "satisfied", comment: decomposed) }
    }

    @Test func controlCharactersOtherThanLineBreaksAreRefused() {
        let refused = ValidationFailure([FieldError(field: "comment", message: "must not contain control characters")])
        for bad in ["a\u{0}b", "a\u{7}b", "a\u{1B}[31mb", "a\u{7F}b"] {
            #expect(throws: refused) { _ = try RatingRule.validated(rating: "satisfied", comment: bad) }
        }
        #expect((try? RatingRule.validated(rating: "satisfied", comment: "dòng 1\r\ndòng 2")) != nil)
    }

    @Test func everyFieldErrorIsNamedAtOnce() {
        #expect(throws: ValidationFailure([
            FieldError(field: "rating", message: "must be one of satisfied, acceptable, unsatisfied"),
            FieldError(field: "comment", message: "must be at most 1000 characters"),
        ])) { _ = try RatingRule.validated(rating: "great", comment: String(repeating: "a", count: 1_001)) }
    }
}
