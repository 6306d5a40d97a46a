import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import OnegateWeb

/// Runs in front of every page (not the JSON API, which takes bearer tokens only):
/// - the session: the `og_session` access token verified like a bearer token; when it has
///   expired, renewed with `og_refresh` (both cookies replaced); when that fails, both cleared;
/// - the language switch `?lang=` remembered in `og_lang`;
/// - a CSRF token in `og_csrf` for every visitor, and for every POST the form's `csrf` field
///   must equal it (and `Origin`, when sent, must be this host): else 403, before any handler;
/// - the security headers and `Cache-Control: no-store` on the answer.
/// The request passed on carries the cookies as they now are, so handlers read one truth.
struct WebSessionMiddleware: RouterMiddleware {
    typealias Context = GatewayContext
    let verifier: TokenVerifier
    let renewer: SessionRenewer
    /// `Secure` on every cookie (`ONEGATE_WEB_SECURE_COOKIES=1`, or a request forwarded as https).
    let secureCookies: Bool
    /// The largest form body read (the sign-in and the other small forms).
    static let maximumFormBytes = 64 * 1024
    static let pollHeader = HTTPField.Name("X-Onegate-Poll")!
    static let forwardedProto = HTTPField.Name("X-Forwarded-Proto")!
    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var request = request
        var context = context
        var cookies = Cookies.parse(request.headers[.cookie])
        var outgoing: [String] = []
        let secure = secureCookies || request.headers[Self.forwardedProto]?.lowercased() == "https"

        if let chosen = request.uri.queryParameters.get("lang").flatMap({ Language(rawValue: $0) }) {
            cookies[WebCookie.language] = chosen.rawValue
            outgoing.append(Cookies.set(WebCookie.language, chosen.rawValue, maxAge: 365 * 86_400, secure: secure))
        }
        if (cookies[WebCookie.csrf]?.utf8.count ?? 0) < 32 {
            let token = CSRFToken.generate()
            cookies[WebCookie.csrf] = token
            outgoing.append(Cookies.set(WebCookie.csrf, token, maxAge: nil, sameSite: "Strict", secure: secure))
        }
        if request.method != .get && request.method != .head {
            request = try await Self.checked(request, cookies: cookies)
        }
        if !context.caller.isAuthenticated {
            let session = try await resumeSession(cookies: cookies, mayRenew: request.headers[Self.pollHeader] == nil,
                                                  requestID: context.requestID, secure: secure)
            context.caller = session.caller
            outgoing += session.setCookies
            cookies[WebCookie.session] = session.accessToken
            cookies[WebCookie.refresh] = session.refreshToken
        }
        var head = request.head
        head.headerFields[.cookie] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        request = Request(head: head, body: request.body)

        var response = try await next(request, context)
        for cookie in outgoing { response.headers.append(HTTPField(name: .setCookie, value: cookie)) }
        SecurityHeaders.apply(to: &response.headers)
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }

    struct Session {
        var caller: Caller = .anonymous
        var accessToken: String?
        var refreshToken: String?
        var setCookies: [String] = []
    }

    /// The caller of the session cookies: verified, renewed, or (when neither works) none, with
    /// the dead cookies deleted. Broker or service trouble propagates (a 503 page), never a
    /// silent sign-out.
    private func resumeSession(cookies: [String: String], mayRenew: Bool, requestID: String, secure: Bool) async throws -> Session {
        var session = Session(accessToken: cookies[WebCookie.session], refreshToken: cookies[WebCookie.refresh])
        if let token = session.accessToken {
            do {
                session.caller = try await verifier.caller(for: token, requestID: requestID)
                return session
            } catch let problem as Problem where problem.status == 401 {
                session.accessToken = nil
            }
        }
        if let refresh = session.refreshToken, mayRenew {
            do {
                let grant = try await renewer.renew(refresh, requestID: requestID)
                session.caller = try await verifier.caller(for: grant.accessToken, requestID: requestID)
                session.accessToken = grant.accessToken
                session.refreshToken = grant.refreshToken
                session.setCookies = Self.sessionCookies(grant, secure: secure)
                return session
            } catch let problem as Problem where (400..<500).contains(problem.status) {
                session.refreshToken = nil
            }
        }
        // A poll with an expired session leaves the cookies alone: the next page renews them.
        let renewalPending = session.refreshToken != nil && !mayRenew
        if !renewalPending, cookies[WebCookie.session] != nil || cookies[WebCookie.refresh] != nil {
            session.setCookies = Self.clearedSessionCookies(secure: secure)
            session.refreshToken = nil
        }
        return session
    }

    /// The cookies of a fresh grant: the access token lives as long as it is valid; the refresh
    /// token until the browser closes (identity bounds its life too).
    static func sessionCookies(_ grant: TokenGrant, secure: Bool) -> [String] {
        [Cookies.set(WebCookie.session, grant.accessToken, maxAge: grant.expiresIn, secure: secure),
         Cookies.set(WebCookie.refresh, grant.refreshToken, maxAge: nil, secure: secure)]
    }

    static func clearedSessionCookies(secure: Bool) -> [String] {
        [Cookies.set(WebCookie.session, "", maxAge: 0, secure: secure),
         Cookies.set(WebCookie.refresh, "", maxAge: 0, secure: secure)]
    }

    /// A POST from this origin that proves the CSRF token: a urlencoded body whose `csrf` field
    /// matches the cookie (read here, bounded, and handed on buffered); the script's raw upload
    /// to `/uploads` with the token in `X-CSRF-Token`; or a multipart form to a path
    /// `WebFormUpload` reads (it checks the token in the form's first part, before storing
    /// anything). Anything else: 403, nothing done.
    static func checked(_ request: Request, cookies: [String: String]) async throws -> Request {
        if let origin = request.headers[.origin], let host = request.head.authority,
           URL(string: origin)?.host.map({ host == $0 || host.hasPrefix($0 + ":") }) != true {
            throw forbidden
        }
        let mediaType = request.headers[.contentType]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
        if request.uri.path == UploadsController.path {
            guard CSRFToken.matches(cookie: cookies[WebCookie.csrf], field: request.headers[csrfHeader]) else { throw forbidden }
            return request
        }
        if mediaType == "multipart/form-data" && WebFormUpload.acceptsMultipart(path: request.uri.path) {
            return request
        }
        guard mediaType == "application/x-www-form-urlencoded" else { throw forbidden }
        let buffer = try await request.body.collect(upTo: maximumFormBytes)
        let form = FormBody(encoded: String(buffer: buffer))
        guard CSRFToken.matches(cookie: cookies[WebCookie.csrf], field: form[CSRFToken.fieldName]) else { throw forbidden }
        var checked = request
        checked.body = RequestBody(buffer: buffer)
        return checked
    }

    static let forbidden = Problem(status: 403, title: "Forbidden",
                                   detail: "The form's security token is missing or does not match; reload the page and send it again.")
}
