import Foundation

/// Client file names made safe to store and to show: no path, no control or reserved
/// characters, no leading dots, at most 200 characters; Vietnamese letters are kept.
enum FilenameRules {
    static func sanitise(_ name: String, fallback: String = "file") -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let reserved = Set("<>:\"|?*")
        var cleaned = String(last.unicodeScalars.map { scalar -> Character in
            if scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format
                || reserved.contains(Character(scalar)) { return "_" }
            return Character(scalar)
        })
        cleaned = cleaned.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespaces)
        while cleaned.hasPrefix(".") { cleaned.removeFirst() }
        cleaned = String(cleaned.prefix(200))
        return cleaned.isEmpty ? fallback : cleaned
    }
}
