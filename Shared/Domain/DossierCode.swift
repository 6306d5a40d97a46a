/// A dossier code (mã số hồ sơ, Circular 01/2018/TT-VPCP Art. 19):
/// `{agency identifier}-{YYMMDD}-{XXXX}` — the receipt date and a sequence within that day for
/// that agency, four digits, widening to five past 9999.
public struct DossierCode: Sendable, Hashable, Codable, CustomStringConvertible, Comparable {
    public let agency: AgencyIdentifier
    public let date: LocalDate
    public let sequence: Int

    /// The largest sequence a code can carry (five digits).
    public static let maximumSequence = 99_999

    /// Builds a code; nil when the sequence is outside 1...99999.
    public init?(agency: AgencyIdentifier, date: LocalDate, sequence: Int) {
        guard (1...Self.maximumSequence).contains(sequence) else { return nil }
        self.agency = agency
        self.date = date
        self.sequence = sequence
    }

    /// Parses a code as written; nil when malformed.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3,
              let agency = AgencyIdentifier(String(parts[0])),
              let date = LocalDate(compactYYMMDD: String(parts[1])),
              (4...5).contains(parts[2].utf8.count),
              parts[2].utf8.allSatisfy(isDigit),
              let sequence = Int(parts[2]),
              parts[2].utf8.count == 4 || sequence > 9999
        else { return nil }
        self.init(agency: agency, date: date, sequence: sequence)
    }

    public var description: String {
        let digits = String(sequence)
        let padded = digits.count >= 4 ? digits : String(repeating: "0", count: 4 - digits.count) + digits
        return "\(agency.rawValue)-\(date.compactYYMMDD)-\(padded)"
    }

    public static func < (lhs: DossierCode, rhs: DossierCode) -> Bool {
        (lhs.agency.rawValue, lhs.date, lhs.sequence) < (rhs.agency.rawValue, rhs.date, rhs.sequence)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let code = DossierCode(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "not a dossier code: \(text)"))
        }
        self = code
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
