import Contracts
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import OnegateWeb

/// The rating on the status page (issue 15, "Rating"): once the result was returned (status 10)
/// the applicant rates the handling once — satisfied, acceptable or not satisfied, with an
/// optional comment. `POST /track/{code}/rate` (the token in a hidden field) and
/// `POST /me/dossiers/{code}/rate` (the owner signed in) call `processing.rate`, which decides who
/// may rate and when; then back to the status page, which thanks and shows the rating given
/// (`processing.rating`).
struct RatingPages {
    let backend: Backend
    let resources: WebResources
    let track: TrackController

    /// What was sent, to show again with the problem next to its field.
    struct Input {
        var rating: String
        var comment: String
        var errors: AccountPagesController.Errors
    }

    var endpoints: RouteCollection<GatewayContext> {
        RouteCollection(context: GatewayContext.self)
            .post("track/{code}/rate", use: rate)
            .post("me/dossiers/{code}/rate", use: rate)
    }

    @Sendable func rate(_ request: Request, context: GatewayContext) async throws -> Response {
        if let signIn = ApplicantDossiersController.signInFirst(request, context: context) { return signIn }
        let page = WebPage(request, context: context, resources: resources)
        let form = try await AccountPagesController.form(request)
        let holder = try DossierActionPages.holder(request, context: context, form: form)
        let rating = form["rating"] ?? ""
        let comment = (form["comment"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var errors: AccountPagesController.Errors = []
        if RatingValue(rawValue: rating) == nil { errors.append(("rating", page.t["rating_missing"])) }
        if comment.unicodeScalars.count > RatingRule.maximumCommentLength { errors.append(("comment", page.t["rating_comment_too_long"])) }
        guard errors.isEmpty else {
            return try await again(page, holder: holder, input: Input(rating: rating, comment: comment, errors: errors), context: context)
        }
        do {
            _ = try await backend.call(.processing, "rate",
                                       DossierRatingCommand(code: holder.code, lookupToken: holder.token, rating: rating,
                                                            comment: comment.isEmpty ? nil : comment),
                                       as: DossierRatingView.self, caller: holder.caller(context.caller), requestID: context.requestID)
        } catch let problem as Problem where problem.status == 400 {
            let input = Input(rating: rating, comment: comment, errors: [("comment", page.t["rating_comment_too_long"])])
            return try await again(page, holder: holder, input: input, context: context)
        } catch let problem as Problem where problem.status == 409 {
            return WebPage.redirect(holder.statusPath)
        }
        return WebPage.redirect(holder.path("", notice: "rated"))
    }

    /// The status page again, with the form's problem next to its field and the values kept.
    func again(_ page: WebPage, holder: DossierHolder, input: Input, context: GatewayContext) async throws -> Response {
        let tracked = try await DossierTracking(backend: backend).lookup(code: holder.code, token: holder.token,
                                                                         caller: holder.caller(context.caller), requestID: context.requestID)
        return try await track.render(tracked, page: page, holder: holder, results: [], notice: nil, caller: context.caller,
                                      requestID: context.requestID, rating: input, status: .badRequest)
    }

    /// The status page's rating part once the result was returned: the form, or the rating given.
    /// Whether the holder may rate, or the rating given (`processing.rating`).
    static func state(_ holder: DossierHolder, caller: Caller, backend: Backend, requestID: String) async throws -> DossierRatingState {
        try await backend.call(.processing, "rating", DossierLookup(code: holder.code, lookupToken: holder.token),
                               as: DossierRatingState.self, caller: holder.caller(caller), requestID: requestID)
    }

    static func view(_ state: DossierRatingState, holder: DossierHolder, t: MessageCatalog, input: Input?) -> [String: Any]? {
        if let given = state.rating {
            var view: [String: Any] = ["given": t["rating_\(given.rating.rawValue)"], "ratedAt": VietnamTime.dateTime(given.ratedAt)]
            if let comment = given.comment { view["comment"] = comment }
            return ["done": view]
        }
        guard state.canRate else { return nil }
        var form: [String: Any] = [
            "action": holder.base + "/rate", "token": holder.token ?? "", "hasToken": holder.token != nil,
            "comment": input?.comment ?? "", "hasErrors": !(input?.errors.isEmpty ?? true),
            "choices": RatingValue.allCases.map { value -> [String: Any] in
                ["value": value.rawValue, "label": t["rating_\(value.rawValue)"], "id": "rating-\(value.rawValue)",
                 "checked": input?.rating == value.rawValue]
            },
        ]
        for error in input?.errors ?? [] { form["\(error.field)Error"] = error.message }
        return ["form": form]
    }
}
