import Foundation

/// Vietnamese text folded for search: lower case, `đ` → `d`, combining marks (tones and vowel
/// marks) stripped, runs of whitespace collapsed. "Đăng ký khai sinh" and "dang ky khai sinh" fold
/// to the same text, so searches work with or without diacritics. Done here rather than with
/// PostgreSQL's `unaccent`, which needs an extension the service role cannot create.
enum SearchText {
    static func fold(_ text: String) -> String {
        let lowered = text.lowercased().replacingOccurrences(of: "đ", with: "d")
        var scalars = String.UnicodeScalarView()
        var lastWasSpace = true
        for scalar in lowered.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark:
                continue
            default:
                if scalar.properties.isWhitespace {
                    if !lastWasSpace { scalars.append(" ") }
                    lastWasSpace = true
                } else {
                    scalars.append(scalar)
                    lastWasSpace = false
                }
            }
        }
        return String(scalars).trimmingCharacters(in: .whitespaces)
    }

    /// A `LIKE` pattern matching `query` anywhere, with `%`, `_` and `\` taken literally.
    static func containsPattern(_ query: String) -> String {
        var escaped = ""
        for character in fold(query) {
            if character == "%" || character == "_" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return "%" + escaped + "%"
    }
}
