/// An agency identifier in the format of Circular 10/2016/TT-BTTTT: `V1V2V3.Z1Z2.Y1Y2.MX1X2`,
/// for example `000.00.00.H30` — three groups of digits and a final group of one capital letter
/// followed by two digits.
public struct AgencyIdentifier: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The identifier as written.
    public let rawValue: String

    /// Validates `rawValue`; returns nil when it is not a well-formed identifier.
    public init?(_ rawValue: String) {
        guard Self.isWellFormed(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    /// Checks the shape `ddd.dd.dd.Ldd` without regular expressions (fast, no Foundation).
    public static func isWellFormed(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        let digitCounts = [3, 2, 2]
        for (part, count) in zip(parts, digitCounts) {
            guard part.utf8.count == count, part.utf8.allSatisfy(isDigit) else { return false }
        }
        let last = Array(parts[3].utf8)
        return last.count == 3 && (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(last[0])
            && isDigit(last[1]) && isDigit(last[2])
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = AgencyIdentifier(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "not an agency identifier: \(text)"))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

@inline(__always)
func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
