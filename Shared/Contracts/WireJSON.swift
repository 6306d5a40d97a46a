import Foundation

/// The one JSON configuration used on the wire and in HTTP bodies: camelCase keys, RFC 3339
/// times written with the Vietnam offset (`2026-11-25T09:30:00+07:00`), read with any offset.
public enum WireJSON {
    /// Asia/Ho_Chi_Minh has no daylight saving; a fixed offset avoids a tz database lookup.
    public static let vietnamTimeZone = TimeZone(secondsFromGMT: 7 * 3600)!

    static let writeStyle = Date.ISO8601FormatStyle(timeZoneSeparator: .colon, timeZone: vietnamTimeZone)
    static let readStyles: [Date.ISO8601FormatStyle] = [
        Date.ISO8601FormatStyle(timeZoneSeparator: .colon),
        Date.ISO8601FormatStyle(timeZoneSeparator: .colon, includingFractionalSeconds: true),
        Date.ISO8601FormatStyle(),
        Date.ISO8601FormatStyle(includingFractionalSeconds: true),
    ]

    /// Formats a moment as RFC 3339 in Vietnam time.
    public static func format(_ date: Date) -> String {
        date.formatted(writeStyle)
    }

    /// Parses RFC 3339 with any offset, with or without fractional seconds.
    public static func parseDate(_ text: String) -> Date? {
        for style in readStyles {
            if let date = try? style.parse(text) { return date }
        }
        return nil
    }

    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(format(date))
        }
        return encoder
    }

    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = parseDate(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an RFC 3339 time: \(text)")
            }
            return date
        }
        return decoder
    }

    /// Encodes a value with the wire settings.
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        try encoder().encode(value)
    }

    /// Decodes a value with the wire settings.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try decoder().decode(type, from: data)
    }
}
