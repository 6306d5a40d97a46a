import Foundation

/// Reads claims of an access token whose signature the gateway has already verified (the
/// display name for the page header, the expiry to decide on renewal). Never a verification.
public enum AccessTokenPeek {
    /// The token's payload as a JSON object, nil when it is not a JWT.
    public static func payload(_ token: String) -> [String: Any]? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { return nil }
        var base64 = parts[1].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64) else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }

    /// The `name` claim (the user's display name).
    public static func name(_ token: String) -> String? { payload(token)?["name"] as? String }

    /// The `kind` claim: `staff`, `citizen` or `partner`.
    public static func kind(_ token: String) -> String? { payload(token)?["kind"] as? String }

    /// The role names of the `roles` claim (`role@unit` each), without the units.
    public static func roles(_ token: String) -> [String] {
        (payload(token)?["roles"] as? [String] ?? []).map { String($0.split(separator: "@", maxSplits: 1).first ?? "") }
    }
}
