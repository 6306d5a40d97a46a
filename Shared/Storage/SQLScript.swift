import Domain

/// Splits a migration file into single statements, because the extended query protocol that
/// postgres-nio speaks accepts one statement at a time. Semicolons inside quotes ('…', "…"),
/// dollar-quoted bodies ($$…$$, $tag$…$tag$) and comments do not split.
public enum SQLScript {
    public static func statements(_ script: String) -> [String] {
        let characters = Array(script)
        var statements: [String] = []
        var current = ""
        var index = 0

        func flush() {
            let trimmed = current.trimmingWhitespace
            if !trimmed.isEmpty && !isOnlyComments(trimmed) { statements.append(trimmed) }
            current = ""
        }

        while index < characters.count {
            let character = characters[index]
            let next: Character? = index + 1 < characters.count ? characters[index + 1] : nil
            switch character {
            case "-" where next == "-":
                while index < characters.count && characters[index] != "\n" {
                    current.append(characters[index])
                    index += 1
                }
                continue
            case "/" where next == "*":
                let end = find("*/", in: characters, from: index + 2) ?? characters.count
                current.append(contentsOf: characters[index..<min(end + 2, characters.count)])
                index = end + 2
                continue
            case "'", "\"":
                var cursor = index + 1
                while cursor < characters.count {
                    if characters[cursor] == character {
                        if cursor + 1 < characters.count && characters[cursor + 1] == character { cursor += 2; continue }
                        break
                    }
                    cursor += 1
                }
                current.append(contentsOf: characters[index..<min(cursor + 1, characters.count)])
                index = cursor + 1
                continue
            case "$":
                if let tagEnd = dollarTagEnd(characters, from: index) {
                    let tag = Array(characters[index...tagEnd])
                    let close = find(String(tag), in: characters, from: tagEnd + 1) ?? characters.count
                    let end = min(close + tag.count, characters.count)
                    current.append(contentsOf: characters[index..<end])
                    index = end
                    continue
                }
            case ";":
                flush()
                index += 1
                continue
            default:
                break
            }
            current.append(character)
            index += 1
        }
        flush()
        return statements
    }

    /// The index of the closing `$` of a dollar-quote tag starting at `start`, if it is one.
    private static func dollarTagEnd(_ characters: [Character], from start: Int) -> Int? {
        var cursor = start + 1
        while cursor < characters.count {
            let character = characters[cursor]
            if character == "$" { return cursor }
            guard character.isLetter || character == "_" || (character.isNumber && cursor > start + 1) else { return nil }
            cursor += 1
        }
        return nil
    }

    private static func find(_ needle: String, in characters: [Character], from start: Int) -> Int? {
        let pattern = Array(needle)
        guard !pattern.isEmpty, start <= characters.count - pattern.count else { return nil }
        for index in start...(characters.count - pattern.count) where Array(characters[index..<index + pattern.count]) == pattern {
            return index
        }
        return nil
    }

    private static func isOnlyComments(_ text: String) -> Bool {
        text.split(separator: "\n").allSatisfy { $0.trimmingWhitespace.isEmpty || $0.trimmingWhitespace.hasPrefix("--") }
    }
}
