/// The format rules of the shared catalogs' codes and values, one function per rule; each returns
/// nil when the value is acceptable and otherwise the message of the field error.
public enum SharedCatalogRules {
    /// The longest code and the longest name or free text accepted.
    public static let maximumCodeLength = 32
    public static let maximumTextLength = 300

    /// A province code: the `MX1X2` group of the agency identifiers of the province, one capital
    /// letter and two digits (`H30`).
    public static func isProvinceCode(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.count == 3 && isCapital(bytes[0]) && isDigit(bytes[1]) && isDigit(bytes[2])
    }

    /// A commune code: five digits (the statistical code of the commune, ward or special zone).
    public static func isCommuneCode(_ text: String) -> Bool {
        text.utf8.count == 5 && text.utf8.allSatisfy(isDigit)
    }

    /// A sector code `MX1X2-LV`: the ministry's `MX1X2` group, a hyphen, then the sector's own
    /// part of 2–10 capital letters and digits starting with a letter (`G03-GD10`).
    public static func isSectorCode(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, isProvinceCode(String(parts[0])) else { return false }
        let own = Array(parts[1].utf8)
        return (2...10).contains(own.count) && isCapital(own[0]) && own.allSatisfy { isCapital($0) || isDigit($0) }
    }

    /// A document-type code: 1–20 capital letters, digits, `.`, `_` or `-`, starting with a letter or digit.
    public static func isDocumentTypeCode(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard (1...20).contains(bytes.count), isCapital(bytes[0]) || isDigit(bytes[0]) else { return false }
        return bytes.allSatisfy { isCapital($0) || isDigit($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    }

    /// An ethnic-group code: two digits from 01 to 54 (the 54 groups of the statistical list).
    public static func isEthnicityCode(_ text: String) -> Bool {
        guard text.utf8.count == 2, text.utf8.allSatisfy(isDigit), let value = Int(text) else { return false }
        return (1...54).contains(value)
    }

    /// A nationality code: ISO 3166-1 alpha-2, two capital letters (`VN`).
    public static func isNationalityCode(_ text: String) -> Bool {
        text.utf8.count == 2 && text.utf8.allSatisfy(isCapital)
    }

    /// The message for a malformed code of `catalog`, nil when `code` is well-formed.
    public static func codeProblem(_ code: String, in catalog: SharedCatalog, level: AdministrativeLevel? = nil) -> String? {
        switch catalog {
        case .administrativeUnits:
            switch level {
            case .province?: return isProvinceCode(code) ? nil : "must be a province code: a capital letter and two digits such as H30"
            case .commune?: return isCommuneCode(code) ? nil : "must be a commune code of five digits such as 30001"
            case nil: return isProvinceCode(code) || isCommuneCode(code) ? nil
                : "must be a province code such as H30 or a five-digit commune code such as 30001"
            }
        case .agencies:
            return AgencyIdentifier.isWellFormed(code) ? nil : "must be an agency identifier V1V2V3.Z1Z2.Y1Y2.MX1X2 such as 000.00.00.H30"
        case .sectors:
            return isSectorCode(code) ? nil : "must be a sector code MX1X2-LV such as G03-GD10"
        case .documentTypes:
            return isDocumentTypeCode(code) ? nil : "must be 1–20 capital letters, digits, dots, underscores or hyphens such as GKS"
        case .ethnicities:
            return isEthnicityCode(code) ? nil : "must be a two-digit ethnic-group code from 01 to 54"
        case .nationalities:
            return isNationalityCode(code) ? nil : "must be an ISO 3166-1 alpha-2 code of two capital letters such as VN"
        }
    }

    /// The message for a bad name or free text, nil when it is acceptable; `multiline` text (a
    /// description) may hold line breaks and tabs, other text no control characters at all.
    public static func textProblem(_ text: String, required: Bool, multiline: Bool = false) -> String? {
        if text.isEmpty { return required ? "is required" : nil }
        if text.count > maximumTextLength * (multiline ? 10 : 1) {
            return "must be at most \(maximumTextLength * (multiline ? 10 : 1)) characters"
        }
        let allowed: Set<Unicode.Scalar> = multiline ? ["\n", "\r", "\t"] : []
        if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && !allowed.contains($0) }) {
            return "must not contain control characters"
        }
        return nil
    }

    /// The message for an administrative level, nil when it is `province` or `commune`.
    public static func levelProblem(_ text: String) -> String? {
        if AdministrativeLevel(rawValue: text) != nil { return nil }
        if text.isEmpty { return "is required" }
        if text == "district" { return "districts were abolished on 1 July 2025; use province or commune" }
        return "must be province or commune"
    }

    @inline(__always)
    static func isCapital(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }
}
