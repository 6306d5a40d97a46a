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
        values.reduce(self[key]) { text, pair in text.replacingOccurrences(of: "{\(pair.key)}", with: pair.value) }
    }

    /// Reads a catalog file: a JSON object of strings.
    public static func load(_ language: Language, from url: URL) throws -> MessageCatalog {
        let messages = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: url))
        return MessageCatalog(language: language, messages: messages)
    }
}
