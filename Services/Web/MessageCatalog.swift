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

    /// Reads a language's catalog from `folder`: `<lang>.json` and every `<lang>.<area>.json` (one
    /// file per area of the pages, so that work on one area does not touch another's file),
    /// each a JSON object of strings; a key defined twice is an error.
    public static func load(_ language: Language, fromFolder folder: URL) throws -> MessageCatalog {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { name in
            name.hasPrefix("\(language.rawValue).") && name.hasSuffix(".json")
        }.sorted()
        guard !names.isEmpty else { throw WebResourceError.missing("Catalogs/\(language.rawValue).json") }
        var messages: [String: String] = [:]
        for name in names {
            let part = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: folder.appendingPathComponent(name)))
            for (key, value) in part {
                guard messages.updateValue(value, forKey: key) == nil else { throw WebResourceError.duplicateKey(key, name) }
            }
        }
        return MessageCatalog(language: language, messages: messages)
    }
}
