import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import OnegateWeb

/// `GET /sign-in`, `POST /sign-in` (identity's password login; the grant becomes the session
/// cookies) and `POST /sign-out` (the refresh token revoked, the cookies deleted). The CSRF
/// check of both POSTs is `WebSessionMiddleware`'s.
struct SignInController {
    let backend: Backend
    let resources: WebResources
    let secureCookies: Bool

    var endpoints: RouteCollection<GatewayContext> {
        RouteCollection(context: GatewayContext.self)
            .get("sign-in", use: form)
            .post("sign-in", use: signIn)
            .post("sign-out", use: signOut)
    }

    @Sendable func form(_ request: Request, context: GatewayContext) async throws -> Response {
        let page = WebPage(request, context: context, resources: resources)
        return try render(page, username: "", next: WebPage.safeNext(WebPage.query(request)["next"]), errors: [])
    }

    @Sendable func signIn(_ request: Request, context: GatewayContext) async throws -> Response {
        let page = WebPage(request, context: context, resources: resources)
        let form = FormBody(encoded: String(buffer: try await request.body.collect(upTo: WebSessionMiddleware.maximumFormBytes)))
        let username = (form["username"] ?? "").trimmingCharacters(in: .whitespaces)
        let password = form["password"] ?? ""
        let next = WebPage.safeNext(form["next"])
        var errors: [(field: String, message: String)] = []
        if username.isEmpty { errors.append(("username", page.t["username_missing"])) }
        if password.isEmpty { errors.append(("password", page.t["password_missing"])) }
        guard errors.isEmpty else { return try render(page, username: username, next: next, errors: errors, status: .badRequest) }
        let grant: TokenGrant
        do {
            grant = try await backend.call(.identity, "token",
                                           Credentials(username: username, password: password, clientAddress: context.clientAddress),
                                           as: TokenGrant.self, requestID: context.requestID)
        } catch let problem as Problem where problem.status == 401 || problem.status == 400 {
            return try render(page, username: username, next: next, errors: [("password", page.t["sign_in_failed"])],
                              status: .unauthorized)
        } catch let problem as Problem where problem.status == 403 {
            return try render(page, username: username, next: next, errors: [("username", page.t["sign_in_not_verified"])],
                              status: .forbidden)
        } catch let problem as Problem where problem.status == 423 || problem.status == 429 {
            return try render(page, username: username, next: next, errors: [("password", page.t["sign_in_locked"])],
                              status: .tooManyRequests)
        }
        // Staff work in the workspace: without a `next` of their own they start at their queues.
        let destination = next == "/" && WorkspaceAccess.isStaff(roles: AccessTokenPeek.roles(grant.accessToken)) ? WorkspaceAccess.prefix + "/" : next
        var response = WebPage.redirect(PageChrome.link(path: destination, query: destination == "/" ? [("notice", "signed-in")] : []))
        let secure = secureCookies || request.headers[WebSessionMiddleware.forwardedProto]?.lowercased() == "https"
        for cookie in WebSessionMiddleware.sessionCookies(grant, secure: secure) {
            response.headers.append(HTTPField(name: .setCookie, value: cookie))
        }
        // A new CSRF token with the new session: one planted before sign-in is worth nothing after.
        response.headers.append(HTTPField(name: .setCookie,
                                          value: Cookies.set(WebCookie.csrf, CSRFToken.generate(), maxAge: nil, sameSite: "Strict", secure: secure)))
        return response
    }

    @Sendable func signOut(_ request: Request, context: GatewayContext) async throws -> Response {
        let cookies = Cookies.parse(request.headers[.cookie])
        if let refresh = cookies[WebCookie.refresh], !refresh.isEmpty {
            do {
                _ = try await backend.call(.identity, "logout", RefreshRequest(refreshToken: refresh), as: Empty.self,
                                           caller: context.caller, requestID: context.requestID)
            } catch let problem as Problem where (400..<500).contains(problem.status) {
                // Already revoked or unknown: the session is over either way.
            }
        }
        var response = WebPage.redirect("/?notice=signed-out")
        let secure = secureCookies || request.headers[WebSessionMiddleware.forwardedProto]?.lowercased() == "https"
        for cookie in WebSessionMiddleware.clearedSessionCookies(secure: secure) {
            response.headers.append(HTTPField(name: .setCookie, value: cookie))
        }
        return response
    }

    func render(_ page: WebPage, username: String, next: String, errors: [(field: String, message: String)],
                status: HTTPResponse.Status = .ok) throws -> Response {
        var view: [String: Any] = [
            "username": username, "next": next, "hasErrors": !errors.isEmpty,
            "errors": errors.map { ["field": $0.field, "message": $0.message] },
        ]
        for error in errors { view["\(error.field)Error"] = error.message }
        return try page.render("sign-in", title: page.t["sign_in_title"], status: status, view)
    }
}
