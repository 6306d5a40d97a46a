import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO
import ServiceKit
import Storage

/// `processing.rate` and `processing.rating`: the applicant's one rating of a dossier whose
/// result was returned (`RatingRule`), and whether the status page may offer it. Admitted as
/// `processing.status` admits: the lookup token's holder, or without a token the signed-in
/// owner; anyone else gets the same 404 as for an unknown code.
struct RatingHandler: Sendable {
    let runtime: ServiceRuntime
    let store: CaseStore
    let ratings: RatingStore

    func rate(_ command: DossierRatingCommand, context: RPCContext) async throws -> DossierRatingView {
        let token = try Self.token(command.lookupToken, caller: context.caller)
        let (value, comment): (RatingValue, String?)
        do {
            (value, comment) = try RatingRule.validated(rating: command.rating, comment: command.comment)
        } catch {
            throw Problem.validation(error.errors)
        }
        let logger = context.logger
        return try await runtime.database.transaction(logger: logger) { connection in
            guard var record = try await store.load(code: command.code, forUpdate: true, on: connection, logger: logger),
                  let rater = Self.rater(of: record, token: token, caller: context.caller) else {
                throw Self.notFound(command.code)
            }
            let existing = try await ratings.rating(of: record.code, on: connection, logger: logger)
            if let refusal = RatingRule.refusal(state: record.state, alreadyRated: existing != nil) {
                throw Self.problem(refusal, record: record, existing: existing)
            }
            let rating = DossierRatingView(code: record.code, rating: value, comment: comment,
                                           ratedAt: Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down)))
            guard try await ratings.insert(rating, by: rater, on: connection, logger: logger) else {
                throw Self.problem(.alreadyRated, record: record, existing: nil)
            }
            let event = DossierRated(code: record.code, agencyCode: record.agencyCode, procedureCode: record.procedureCode,
                                     rating: value, ratedAt: rating.ratedAt)
            try await runtime.outbox.enqueue([
                try OutboxMessage.event(.dossierRated, source: .processing, subject: record.code, sequence: record.nextSequence(),
                                        payload: event, correlationID: context.requestId, at: rating.ratedAt),
            ], on: connection, logger: logger)
            try await store.save(record, on: connection, logger: logger)
            return rating
        }
    }

    func state(_ lookup: DossierLookup, context: RPCContext) async throws -> DossierRatingState {
        let token = try Self.token(lookup.lookupToken, caller: context.caller)
        return try await runtime.database.withConnection { connection in
            guard let record = try await store.load(code: lookup.code, forUpdate: false, on: connection, logger: context.logger),
                  Self.rater(of: record, token: token, caller: context.caller) != nil else {
                throw Self.notFound(lookup.code)
            }
            let rating = try await ratings.rating(of: record.code, on: connection, logger: context.logger)
            return DossierRatingState(code: record.code, canRate: RatingRule.isRateable(state: record.state, alreadyRated: rating != nil),
                                      rating: rating)
        }
    }

    /// The token, if one was given; 401 when there is none and nobody is signed in.
    static func token(_ given: String?, caller: Caller) throws -> String? {
        let token = given.flatMap { $0.isEmpty ? nil : $0 }
        guard token != nil || caller.isAuthenticated else {
            throw Problem(status: 401, title: "Lookup token required",
                          detail: "Pass the lookup token given at submission, or sign in as the dossier's applicant.")
        }
        return token
    }

    static func rater(of record: CaseRecord, token: String?, caller: Caller) -> RatingRule.Rater? {
        RatingRule.rater(tokenMatches: token.map { LookupTokenDigest.matches($0, digest: record.lookupTokenHash) },
                         ownerId: record.ownerId, callerId: caller.userId, callerIsCitizen: caller.holds(Role.citizen.rawValue))
    }

    static func notFound(_ code: String) -> Problem {
        Problem.notFound("No case \(code) matches this lookup token or account.")
    }

    static func problem(_ refusal: RatingRule.Refusal, record: CaseRecord, existing: DossierRatingView?) -> Problem {
        switch refusal {
        case .notReturned(let state):
            return Problem(status: 409, title: "Not rateable yet",
                           detail: "Dossier \(record.code) is \(state.summary); only a dossier whose result has been returned (status 10) can be rated.")
        case .alreadyRated:
            let when = existing.map { " on " + WireJSON.format($0.ratedAt) } ?? ""
            return Problem(status: 409, title: "Already rated",
                           detail: "Dossier \(record.code) was rated\(when); a dossier is rated once.")
        }
    }
}
