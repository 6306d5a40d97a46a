import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import OnegateWeb

/// One page being answered: the request's language and catalog, the visitor's CSRF token and
/// name (from the cookies `WebSessionMiddleware` settled), and the rendering into a response.
struct WebPage {
    let resources: WebResources
    let catalog: MessageCatalog
    private(set) var chrome: PageChrome

    init(_ request: Request, context: GatewayContext, resources: WebResources) {
        let cookies = Cookies.parse(request.headers[.cookie])
        let language = Language.negotiate(query: request.uri.queryParameters.get("lang"), cookie: cookies[WebCookie.language],
                                          acceptLanguage: request.headers[.acceptLanguage])
        self.resources = resources
        self.catalog = resources.catalog(language)
        let userName = context.caller.isAuthenticated ? cookies[WebCookie.session].flatMap(AccessTokenPeek.name) : nil
        let query = Self.query(request).fields.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        var chrome = PageChrome(catalog: catalog, path: request.uri.path, query: query, csrfToken: cookies[WebCookie.csrf] ?? "",
                                userName: userName, requestID: context.requestID)
        chrome.roles = context.caller.assignments.map(\.role)
        self.chrome = chrome
    }

    var t: MessageCatalog { catalog }

    /// The query string as a form sends it (`+` is a space, which Hummingbird's parameters keep).
    static func query(_ request: Request) -> FormBody { FormBody(encoded: request.uri.query ?? "") }

    /// The template rendered inside the layout, as an HTML response.
    func render(_ template: String, title: String, status: HTTPResponse.Status = .ok, notice: String? = nil,
                _ view: [String: Any]) throws -> Response {
        Self.html(try html(template, title: title, notice: notice, view), status: status)
    }

    /// The template rendered inside the layout.
    func html(_ template: String, title: String, notice: String? = nil, _ view: [String: Any]) throws -> String {
        guard let html = resources.render(template, chrome.view(title: title, notice: notice, view)) else {
            throw Problem.internalError
        }
        return html
    }

    /// Stands for the visitor's CSRF token in a page kept for several visitors (no template
    /// escapes or prints these bytes otherwise).
    static let csrfMark = "\u{1}og-csrf\u{1}"

    /// This page with `csrfMark` where the CSRF token would be printed.
    func withCSRFMark() -> WebPage {
        var page = self
        page.chrome = chrome.with(csrfToken: Self.csrfMark)
        return page
    }

    /// `html` (rendered by `withCSRFMark()`) with this visitor's CSRF token in place of the mark.
    func fillingCSRFMark(_ html: String) -> String {
        let mark = Array(Self.csrfMark.utf8)
        let token = Array(chrome.csrfToken.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(html.utf8.count + 64)
        var rest = html.utf8[...]
        while let start = rest.firstIndex(of: mark[0]) {
            bytes.append(contentsOf: rest[..<start])
            let candidate = rest[start...].prefix(mark.count)
            if candidate.elementsEqual(mark) {
                bytes.append(contentsOf: token)
                rest = rest[candidate.endIndex...]
            } else {
                bytes.append(mark[0])
                rest = rest[rest.index(after: start)...]
            }
        }
        bytes.append(contentsOf: rest)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func html(_ html: String, status: HTTPResponse.Status) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// A `303 See Other` (POST-redirect-GET).
    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    /// A local path to return to after signing in (`LocalPath`).
    static func safeNext(_ candidate: String?) -> String { LocalPath.safe(candidate) }

    /// The message shown after a redirect (`?notice=`), from a fixed list: a link cannot make the
    /// page say anything else.
    func notice(_ request: Request) -> String? {
        switch Self.query(request)["notice"] {
        case "signed-in": t["signed_in_notice"]
        case "signed-out": t["signed_out_notice"]
        default: nil
        }
    }
}
