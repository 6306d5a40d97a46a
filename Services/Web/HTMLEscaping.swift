import Foundation
import Mustache

/// HTML escaping of the values templates print with `{{…}}`: `&`, `<`, `>`, `"` and `'`, read as
/// UTF-8 bytes. swift-mustache's own escaping looks each Character up in a dictionary (a fifth of
/// a status page's CPU) and, comparing whole grapheme clusters, would leave a `<` followed by a
/// combining mark unescaped; this one escapes every such byte and returns a string with none of
/// them as it is.
public enum HTMLEscaping {
    /// The content type every template is rendered with (`WebResources.load`).
    public static let contentTypeName = "ONEGATE_HTML"

    struct ContentType: MustacheContentType {
        func escapeText(_ text: String) -> String { HTMLEscaping.escape(text) }
    }

    /// Registers the content type with swift-mustache (idempotent).
    public static func register() {
        MustacheContentTypes.register(ContentType(), named: contentTypeName)
    }

    /// `text` with the five characters replaced by their entities.
    public static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: isSpecial) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): bytes.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): bytes.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): bytes.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): bytes.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): bytes.append(contentsOf: "&#39;".utf8)
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }
}
