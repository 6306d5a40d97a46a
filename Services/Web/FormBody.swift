import Foundation

/// An `application/x-www-form-urlencoded` body (what a plain HTML form posts).
public struct FormBody: Sendable {
    public let fields: [String: String]

    public init(fields: [String: String]) { self.fields = fields }

    /// Parses the body; `+` is a space, `%XX` a byte; a repeated name keeps its first value.
    public init(encoded: String) {
        var fields: [String: String] = [:]
        for pair in encoded.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            if fields[name] == nil { fields[name] = parts.count > 1 ? Self.decode(parts[1]) : "" }
        }
        self.fields = fields
    }

    public subscript(_ name: String) -> String? { fields[name] }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
