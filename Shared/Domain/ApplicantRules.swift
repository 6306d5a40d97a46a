/// Who submits a dossier: a citizen (identified by the 12-digit personal identification number)
/// or an organisation (identified by its tax code).
public enum ApplicantKind: String, CaseIterable, Sendable, Codable, Hashable {
    case citizen
    case organisation
}

/// Format rules for the applicant's identifiers and contacts.
public enum ApplicantRules {
    /// A personal identification number has exactly 12 digits.
    public static func isPersonalIdentificationNumber(_ text: String) -> Bool {
        text.utf8.count == 12 && text.utf8.allSatisfy(isDigit)
    }

    /// A tax code is 10 digits, or 10 digits, a dash and 3 digits for a dependent unit.
    public static func isTaxCode(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        switch parts.count {
        case 1: return parts[0].utf8.count == 10 && parts[0].utf8.allSatisfy(isDigit)
        case 2: return parts[0].utf8.count == 10 && parts[0].utf8.allSatisfy(isDigit)
            && parts[1].utf8.count == 3 && parts[1].utf8.allSatisfy(isDigit)
        default: return false
        }
    }

    /// A Vietnamese phone number (spaces and dots ignored): a mobile number, `0` and 9 digits, or a
    /// landline, `02` and 9 digits (area code included); `+84` may replace the leading `0`.
    public static func isPhoneNumber(_ text: String) -> Bool {
        let compact = text.filter { $0 != " " && $0 != "." }
        let national = compact.hasPrefix("+84") ? "0" + compact.dropFirst(3) : compact
        guard national.hasPrefix("0"), national.utf8.allSatisfy(isDigit) else { return false }
        return national.utf8.count == 10 || (national.utf8.count == 11 && national.hasPrefix("02"))
    }

    /// A deliberately simple e-mail check: one `@`, something before it, a dotted domain after it,
    /// no spaces. Full RFC 5322 checking is the mail server's job; this one only has to keep an
    /// address from breaking out of the SMTP envelope and headers (`isHeaderSafeAddress`).
    public static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, isHeaderSafeAddress(text), text.utf8.count <= 254 else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty }
    }

    /// Whether `text` can go between `<` and `>` in an SMTP command or a message header: no
    /// control character (CR, LF, NUL, TAB, DEL, C1 such as NEL), no Unicode line or paragraph
    /// separator, no whitespace, no `<`, `>`, `,` or `;` (which would end the address or add one).
    /// A CR/LF here would let an applicant add headers (`Bcc:`) or SMTP commands to a message.
    public static func isHeaderSafeAddress(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { scalar in
            !scalar.properties.isWhitespace && !"<>,;\"".unicodeScalars.contains(scalar)
                && ![.control, .format, .lineSeparator, .paragraphSeparator, .unassigned, .surrogate,
                     .privateUse].contains(scalar.properties.generalCategory)
        }
    }

    /// Masks an identifier for logs and partner payloads: keeps the last three characters.
    public static func mask(_ identifier: String) -> String {
        guard identifier.count > 3 else { return String(repeating: "*", count: identifier.count) }
        return String(repeating: "*", count: identifier.count - 3) + identifier.suffix(3)
    }
}
