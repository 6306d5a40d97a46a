import Foundation

/// Every user-facing string of the pages in one language, from `Catalogs/<lang>.json` (flat keys,
/// `snake_case`, so templates can name them as `{{t.key}}`). Placeholders are `{name}`.
public struct MessageCatalog: Sendable {
    public let language: Language
    public let messages: [String: String]

    public init(language: Language, messages: [String: String]) {
        self.language = language
        self.messages = messages
    }

    /// The message for `key`; a missing key shows itself, so it is seen in a page and a test.
    public subscript(_ key: String) -> String { messages[key] ?? key }

    /// The message for `key` with each `{name}` replaced by its value.
    public func format(_ key: String, _ values: [String: String]) -> String {
        Self.fill(self[key], values)
    }

    /// `text` with each `{name}` of `values` replaced by its value, in one pass (a value is never
    /// read for placeholders); a `{…}` not in `values` stays as it is.
    static func fill(_ text: String, _ values: [String: String]) -> String {
        guard text.utf8.contains(UInt8(ascii: "{")) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 32)
        var rest = text[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result += rest[..<open]
            if let value = values[String(rest[rest.index(after: open)..<close])] {
                result += value
            } else {
                result += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        result += rest
        return result
    }

    /// Reads a catalog file: a JSON object of strings.
    public static func load(_ language: Language, from url: URL) throws -> MessageCatalog {
        let messages = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: url))
        return MessageCatalog(language: language, messages: messages)
    }
}
