import Contracts
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import OnegateWeb

/// The applicant's actions on a dossier from its status page, for the owner signed in
/// (`/me/dossiers/{code}/…`) and for the lookup token's holder (`/track/{code}/…`, the token in
/// the query and in a hidden field):
/// - `GET …/withdraw` asks for the reason and a confirmation; `POST …/withdraw` withdraws through
///   `processing.act` (the caller, or the token) and goes back to the status page;
/// - `GET …/pay` sends the browser to the payment platform's checkout
///   (`ONEGATE_PAYMENT_CHECKOUT_URL?dossier=&amount=&return=`) for the order integration opened when
///   the fee was requested; the platform's signed callback confirms the payment, and its return
///   leads back to the dossier.
/// Processing decides who may do what; a refusal is shown on the page.
struct DossierActionPages {
    let backend: Backend
    let resources: WebResources
    /// The payment platform's checkout page; nil when none is configured.
    let paymentCheckoutURL: String?
    /// The portal's public address for the platform's return link (`ONEGATE_PUBLIC_BASE_URL`);
    /// nil: this request's host.
    let publicBaseURL: String?

    var endpoints: RouteCollection<GatewayContext> {
        RouteCollection(context: GatewayContext.self)
            .get("me/dossiers/{code}/withdraw", use: withdrawForm)
            .post("me/dossiers/{code}/withdraw", use: withdraw)
            .get("track/{code}/withdraw", use: withdrawForm)
            .post("track/{code}/withdraw", use: withdraw)
            .get("me/dossiers/{code}/pay", use: pay)
            .get("track/{code}/pay", use: pay)
    }

    static let maximumReasonLength = 1000

    // MARK: Withdraw

    @Sendable func withdrawForm(_ request: Request, context: GatewayContext) async throws -> Response {
        if let signIn = ApplicantDossiersController.signInFirst(request, context: context) { return signIn }
        let page = WebPage(request, context: context, resources: resources)
        let holder = try Self.holder(request, context: context, form: nil)
        return try renderWithdraw(page, holder: holder, reason: "", errors: [])
    }

    @Sendable func withdraw(_ request: Request, context: GatewayContext) async throws -> Response {
        let page = WebPage(request, context: context, resources: resources)
        let form = try await AccountPagesController.form(request)
        let holder = try Self.holder(request, context: context, form: form)
        let reason = (form["reason"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else {
            return try renderWithdraw(page, holder: holder, reason: reason, errors: [("reason", page.t["withdraw_reason_missing"])],
                                      status: .badRequest)
        }
        guard reason.count <= Self.maximumReasonLength else {
            return try renderWithdraw(page, holder: holder, reason: reason, errors: [("reason", page.t["withdraw_reason_too_long"])],
                                      status: .badRequest)
        }
        do {
            _ = try await act(holder, action: .withdraw, body: .object(["reason": .string(reason)]), context: context)
        } catch let problem as Problem where problem.status == 409 {
            return try renderWithdraw(page, holder: holder, reason: reason, errors: [("reason", page.t["withdraw_not_now"])],
                                      status: .conflict)
        } catch let problem as Problem where problem.status == 400 {
            return try renderWithdraw(page, holder: holder, reason: reason, errors: [("reason", page.t["withdraw_reason_too_long"])],
                                      status: .badRequest)
        }
        return WebPage.redirect(holder.path("", notice: "withdrawn"))
    }

    func renderWithdraw(_ page: WebPage, holder: DossierHolder, reason: String, errors: AccountPagesController.Errors,
                        status: HTTPResponse.Status = .ok) throws -> Response {
        var view = AccountPagesController.errorView(errors)
        view["code"] = holder.code
        view["reason"] = reason
        view["token"] = holder.token ?? ""
        view["hasToken"] = holder.token != nil
        view["action"] = holder.base + "/withdraw"
        view["backHref"] = holder.statusPath
        return try page.render("withdraw", title: page.t.format("withdraw_title", ["code": holder.code]), status: status, view)
    }

    // MARK: Pay

    @Sendable func pay(_ request: Request, context: GatewayContext) async throws -> Response {
        if let signIn = ApplicantDossiersController.signInFirst(request, context: context) { return signIn }
        let holder = try Self.holder(request, context: context, form: nil)
        let tracked = try await DossierTracking(backend: backend).lookup(code: holder.code, token: holder.token,
                                                                         caller: holder.caller(context.caller), requestID: context.requestID)
        guard let checkout = paymentCheckoutURL, tracked.applicantTask?.kind == .pay, let amount = tracked.applicantTask?.amount else {
            return WebPage.redirect(holder.statusPath)
        }
        // The token stays here: the platform's return leads to the lookup form with the code filled in.
        let back = holder.token == nil ? holder.path("", notice: "paid")
            : PageChrome.link(path: "/track", query: [("code", holder.code)])
        let separator = checkout.contains("?") ? "&" : "?"
        let query = PageChrome.link(path: "", query: [("dossier", holder.code), ("amount", String(amount)),
                                                      ("return", baseURL(request) + back)])
        return WebPage.redirect(checkout + separator + query.dropFirst())
    }

    /// This portal's address as the browser reached it (or as configured).
    func baseURL(_ request: Request) -> String {
        if let publicBaseURL { return publicBaseURL.hasSuffix("/") ? String(publicBaseURL.dropLast()) : publicBaseURL }
        let https = request.headers[WebSessionMiddleware.forwardedProto]?.lowercased() == "https"
        return (https ? "https://" : "http://") + (request.head.authority ?? "127.0.0.1")
    }

    // MARK: Shared

    /// The dossier and its holder from the path (`/track/…` carries the token); a malformed code is 404.
    static func holder(_ request: Request, context: GatewayContext, form: FormBody?) throws -> DossierHolder {
        let code = context.parameters.get("code") ?? ""
        guard DossierCode(code) != nil else { throw Problem.notFound("No dossier \(code.prefix(64)).") }
        guard request.uri.path.hasPrefix("/track/") else {
            guard context.caller.isAuthenticated else { throw Problem.authenticationRequired }
            return DossierHolder(code: code, token: nil)
        }
        let token = form?["token"] ?? WebPage.query(request)["token"] ?? ""
        guard !token.isEmpty else { throw Problem.notFound("No dossier \(code) without its lookup token.") }
        return DossierHolder(code: code, token: token)
    }

    /// One applicant action through `processing.act`, as the caller or by the token alone.
    func act(_ holder: DossierHolder, action: DossierAction.Kind, body: JSONValue, context: GatewayContext) async throws -> ActionOutcome {
        try await backend.call(.processing, "act",
                               DossierActionCommand(code: holder.code, action: action.rawValue, body: body, lookupToken: holder.token),
                               as: ActionOutcome.self, caller: holder.caller(context.caller), requestID: context.requestID)
    }
}
