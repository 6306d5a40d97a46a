import Foundation

/// Reading the `Cookie` request header and writing `Set-Cookie` values (RFC 6265).
public enum Cookies {
    /// The name → value pairs of a `Cookie` header (the first of a repeated name wins).
    public static func parse(_ header: String?) -> [String: String] {
        guard let header else { return [:] }
        var cookies: [String: String] = [:]
        for pair in header.split(separator: ";") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let name = parts[0].trimmingCharacters(in: .whitespaces)
            if cookies[name] == nil { cookies[name] = parts[1].trimmingCharacters(in: .whitespaces) }
        }
        return cookies
    }

    /// A `Set-Cookie` value: always `Path=/` and `HttpOnly`; `maxAge` 0 deletes the cookie.
    public static func set(_ name: String, _ value: String, maxAge: Int?, sameSite: String = "Lax", secure: Bool) -> String {
        var parts = ["\(name)=\(value)", "Path=/", "HttpOnly", "SameSite=\(sameSite)"]
        if let maxAge { parts.append("Max-Age=\(maxAge)") }
        if secure { parts.append("Secure") }
        return parts.joined(separator: "; ")
    }
}
