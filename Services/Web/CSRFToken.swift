import Foundation

/// CSRF protection by double submission: a random token lives in the `og_csrf` cookie
/// (HttpOnly, SameSite=Strict) and is repeated in a hidden `csrf` field of every state-changing
/// form; a POST whose field does not equal its cookie is refused. A cross-site page can neither
/// read the cookie nor set it, so it cannot produce the pair.
public enum CSRFToken {
    public static let cookieName = "og_csrf"
    public static let fieldName = "csrf"

    /// A fresh token: 32 random bytes from the system's CSPRNG, base64url.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// True when both are present, of a plausible length, and equal (compared in constant time).
    public static func matches(cookie: String?, field: String?) -> Bool {
        guard let cookie, let field, cookie.utf8.count >= 32, cookie.utf8.count == field.utf8.count else { return false }
        return zip(cookie.utf8, field.utf8).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
