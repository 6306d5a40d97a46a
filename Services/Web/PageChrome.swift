import Foundation

/// What every page's layout shows around its content: language, the strings of the catalog,
/// the page title, the signed-in user, the CSRF token for the header's sign-out form and the
/// link that switches language while staying on the same page.
public struct PageChrome: Sendable {
    public let catalog: MessageCatalog
    /// The request's path and query (to switch language without losing the page).
    public let path: String
    public let query: [(String, String)]
    public let csrfToken: String
    public let userName: String?
    public let requestID: String
    /// The signed-in user's role names (`one-stop-officer`, …, from the verified session): which
    /// links the workspace navigation shows (`WorkspaceNavigation`).
    public var roles: [String] = []

    public init(catalog: MessageCatalog, path: String, query: [(String, String)], csrfToken: String, userName: String?, requestID: String) {
        self.catalog = catalog
        self.path = path
        self.query = query
        self.csrfToken = csrfToken
        self.userName = userName
        self.requestID = requestID
    }

    /// The same chrome with another CSRF token (a page rendered for several visitors).
    public func with(csrfToken: String) -> PageChrome {
        var chrome = PageChrome(catalog: catalog, path: path, query: query, csrfToken: csrfToken, userName: userName, requestID: requestID)
        chrome.roles = roles
        return chrome
    }

    /// The layout's values plus the page's own (`view` wins on a name both have).
    public func view(title: String, notice: String? = nil, _ view: [String: Any]) -> [String: Any] {
        let other: Language = catalog.language == .vi ? .en : .vi
        var base: [String: Any] = [
            "lang": catalog.language.rawValue,
            "otherLang": other.rawValue,
            "t": catalog.messages,
            "title": title,
            "csrf": csrfToken,
            "languageSwitch": Self.link(path: path, query: query.filter { $0.0 != "lang" } + [("lang", other.rawValue)]),
            "requestId": requestID,
        ]
        if let userName { base["user"] = ["name": userName, "signedInAs": catalog.format("signed_in_as", ["name": userName])] }
        if let notice { base["notice"] = notice }
        if userName != nil, let workspace = WorkspaceNavigation.view(path: path, roles: roles, catalog: catalog) {
            base["workspace"] = workspace
        }
        return base.merging(view) { _, page in page }
    }

    /// `path?name=value&…`, percent-encoded.
    public static func link(path: String, query: [(String, String)]) -> String {
        guard !query.isEmpty else { return path }
        return path + "?" + query.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
    }

    static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// Percent-encodes all but RFC 3986's unreserved ASCII characters.
    public static func encode(_ text: String) -> String {
        return text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }
}
