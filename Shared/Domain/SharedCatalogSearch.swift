/// Search in the shared catalogs ignores case and Vietnamese diacritics: `ha noi` finds `Hà Nội`,
/// `dak lak` finds `Đắk Lắk`. Both the stored text and the query are folded the same way.
public enum SharedCatalogSearch {
    /// Lower case, tone marks and vowel marks removed, `đ` as `d`; combining marks (decomposed
    /// input) are dropped too.
    public static func fold(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.lowercased().unicodeScalars {
            if (0x300...0x36F).contains(scalar.value) { continue }
            scalars.append(folding[scalar] ?? scalar)
        }
        return String(scalars)
    }

    /// The text searched for an entry: its code, name and other values, folded.
    public static func searchText(of entry: SharedCatalogEntry) -> String {
        fold(([entry.code, entry.name] + entry.attributes.keys.sorted().compactMap { entry.attributes[$0] }).joined(separator: " "))
    }

    /// A `LIKE` pattern matching `query` anywhere in a folded text (`%`, `_` and `\` escaped).
    public static func likePattern(_ query: String) -> String {
        var pattern = "%"
        for character in fold(query.trimmingWhitespace) {
            if character == "%" || character == "_" || character == "\\" { pattern.append("\\") }
            pattern.append(character)
        }
        return pattern + "%"
    }

    static let folding: [Unicode.Scalar: Unicode.Scalar] = {
        let families: [(Unicode.Scalar, String)] = [
            ("a", "àáảãạăằắẳẵặâầấẩẫậ"), ("e", "èéẻẽẹêềếểễệ"), ("i", "ìíỉĩị"),
            ("o", "òóỏõọôồốổỗộơờớởỡợ"), ("u", "ùúủũụưừứửữự"), ("y", "ỳýỷỹỵ"), ("d", "đ"),
        ]
        var table: [Unicode.Scalar: Unicode.Scalar] = [:]
        for (base, variants) in families {
            for scalar in variants.unicodeScalars { table[scalar] = base }
        }
        return table
    }()
}
