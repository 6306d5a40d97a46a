import Contracts
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import OnegateWeb

/// The account pages (docs/web.md): `GET|POST /register` (self-registration), `GET|POST
/// /register/verify` (the link in the verification mail shows a button: a mail scanner that
/// fetches links does not use the token), `GET|POST /password-reset` and `GET|POST
/// /password-reset/confirm`. The same identity RPCs as the JSON API; CSRF is
/// `WebSessionMiddleware`'s, the rate limit the account requests' (`RateLimitMiddleware`).
struct AccountPagesController {
    let backend: Backend
    let resources: WebResources

    var endpoints: RouteCollection<GatewayContext> {
        RouteCollection(context: GatewayContext.self)
            .get("register", use: registrationForm)
            .post("register", use: register)
            .get("register/verify", use: verifyForm)
            .post("register/verify", use: verify)
            .get("password-reset", use: resetForm)
            .post("password-reset", use: requestReset)
            .get("password-reset/confirm", use: confirmForm)
            .post("password-reset/confirm", use: confirm)
    }

    typealias Errors = [(field: String, message: String)]
    static let registrationFields = ["fullName", "applicantKind", "idNumber", "phone", "email"]

    // MARK: Registration

    @Sendable func registrationForm(_ request: Request, context: GatewayContext) async throws -> Response {
        let page = WebPage(request, context: context, resources: resources)
        return try renderRegistration(page, values: ["applicantKind": "citizen"], errors: [])
    }

    @Sendable func register(_ request: Request, context: GatewayContext) async throws -> Response {
        let page = WebPage(request, context: context, resources: resources)
        let form = try await Self.form(request)
        var values: [String: String] = [:]
        for field in Self.registrationFields { values[field] = (form[field] ?? "").trimmingCharacters(in: .whitespaces) }
        var body = values.mapValues(JSONValue.string)
        body["password"] = .string(form["password"] ?? "")
        do {
            _ = try await backend.call(.identity, "accounts.register", AccountRegistration(body: .object(body)),
                                       as: AccountRequestAccepted.self, requestID: context.requestID)
        } catch let problem as Problem where problem.status == 400 {
            return try renderRegistration(page, values: values, errors: Self.fieldErrors(problem, page: page), status: .badRequest)
        }
        return try message(page, title: page.t["register_sent_title"], text: page.t["register_sent_text"])
    }

    func renderRegistration(_ page: WebPage, values: [String: String], errors: Errors, status: HTTPResponse.Status = .ok) throws -> Response {
        var view = Self.errorView(errors)
        for (field, value) in values { view[field] = value }
        view["isOrganisation"] = values["applicantKind"] == "organisation"
        return try page.render("register", title: page.t["register_title"], status: status, view)
    }

    // MARK: Verification

    @Sendable func verifyForm(_ request: Request, context: GatewayContext) async throws -> Response {
        let page = WebPage(request, context: context, resources: resources)
        let token = WebPage.query(request)["token"] ?? ""
        return try page.render("account-token", title: page.t["verify_title"], [
            "action": "/register/verify", "token": token, "intro": page.t["verify_intro"], "button": page.t["verify_button"],
        ])
    }

    @Sendable func verify(_ request: Request, context: GatewayContext) async throws -> Response {
        let page = WebPage(request, context: context, resources: resources)
        let token = try await Self.form(request)["token"] ?? ""
        do {
            _ = try await backend.call(.identity, "accounts.verify", AccountToken(token: token), as: Empty.self,
                                       requestID: context.requestID)
        } catch let problem as Problem where [400, 404, 410].contains(problem.status) {
            return try message(page, title: page.t["verify_title"], text: Self.tokenRefusal(problem, page: page),
                               status: HTTPResponse.Status(code: problem.status))
        }
        return try message(page, title: page.t["verify_done_title"], text: page.t["verify_done_text"], signInLink: true)
    }

    // MARK: Password reset

    @Sendable func resetForm(_ request: Request, context: GatewayContext) async throws -> Response {
        let page = WebPage(request, context: context, resources: resources)
        return try renderReset(page, email: "", errors: [])
    }

    @Sendable func requestReset(_ request: Request, context: GatewayContext) async throws -> Response {
        let page = WebPage(request, context: context, resources: resources)
        let email = (try await Self.form(request)["email"] ?? "").trimmingCharacters(in: .whitespaces)
        guard ApplicantRules.isEmail(email) else {
            return try renderReset(page, email: email, errors: [("email", page.t["register_error_email"])], status: .badRequest)
        }
        _ = try await backend.call(.identity, "accounts.reset-request", PasswordResetRequest(email: email),
                                   as: AccountRequestAccepted.self, requestID: context.requestID)
        return try message(page, title: page.t["reset_sent_title"], text: page.t["reset_sent_text"])
    }

    func renderReset(_ page: WebPage, email: String, errors: Errors, status: HTTPResponse.Status = .ok) throws -> Response {
        var view = Self.errorView(errors)
        view["email"] = email
        return try page.render("password-reset", title: page.t["reset_title"], status: status, view)
    }

    @Sendable func confirmForm(_ request: Request, context: GatewayContext) async throws -> Response {
        let page = WebPage(request, context: context, resources: resources)
        return try renderConfirm(page, token: WebPage.query(request)["token"] ?? "", errors: [])
    }

    @Sendable func confirm(_ request: Request, context: GatewayContext) async throws -> Response {
        let page = WebPage(request, context: context, resources: resources)
        let form = try await Self.form(request)
        let token = form["token"] ?? ""
        let password = form["password"] ?? ""
        guard !password.isEmpty else {
            return try renderConfirm(page, token: token, errors: [("password", page.t["password_missing"])], status: .badRequest)
        }
        do {
            _ = try await backend.call(.identity, "accounts.reset-confirm", PasswordResetConfirmation(token: token, password: password),
                                       as: Empty.self, requestID: context.requestID)
        } catch let problem as Problem where problem.status == 400 {
            return try renderConfirm(page, token: token, errors: [("password", page.t["register_error_password"])], status: .badRequest)
        } catch let problem as Problem where problem.status == 404 || problem.status == 410 {
            return try message(page, title: page.t["reset_title"], text: Self.tokenRefusal(problem, page: page),
                               status: HTTPResponse.Status(code: problem.status))
        }
        return try message(page, title: page.t["reset_done_title"], text: page.t["reset_done_text"], signInLink: true)
    }

    func renderConfirm(_ page: WebPage, token: String, errors: Errors, status: HTTPResponse.Status = .ok) throws -> Response {
        var view = Self.errorView(errors)
        view["token"] = token
        return try page.render("password-reset-confirm", title: page.t["reset_confirm_title"], status: status, view)
    }

    // MARK: Shared

    func message(_ page: WebPage, title: String, text: String, signInLink: Bool = false,
                 status: HTTPResponse.Status = .ok) throws -> Response {
        try page.render("account-message", title: title, status: status, ["text": text, "signInLink": signInLink])
    }

    static func form(_ request: Request) async throws -> FormBody {
        FormBody(encoded: String(buffer: try await request.body.collect(upTo: WebSessionMiddleware.maximumFormBytes)))
    }

    static func errorView(_ errors: Errors) -> [String: Any] {
        var view: [String: Any] = ["hasErrors": !errors.isEmpty, "errors": errors.map { ["field": $0.field, "message": $0.message] }]
        for error in errors { view["\(error.field)Error"] = error.message }
        return view
    }

    /// The catalog key of each registration field's message.
    static let errorKeys = ["fullName": "register_error_full_name", "applicantKind": "register_error_applicant_kind",
                            "idNumber": "register_error_id_number", "phone": "register_error_phone",
                            "email": "register_error_email", "password": "register_error_password"]

    /// One message per field identity named, in the page's language (identity's own texts are English).
    static func fieldErrors(_ problem: Problem, page: WebPage) -> Errors {
        var seen: Set<String> = []
        let errors: Errors = (problem.errors ?? []).compactMap { error in
            guard let key = errorKeys[error.field], seen.insert(error.field).inserted else { return nil }
            return (error.field, page.t[key])
        }
        return errors.isEmpty ? [("fullName", page.t["register_error_full_name"])] : errors
    }

    static func tokenRefusal(_ problem: Problem, page: WebPage) -> String {
        problem.status == 410 ? page.t["token_used_or_expired"] : page.t["token_unknown"]
    }
}
