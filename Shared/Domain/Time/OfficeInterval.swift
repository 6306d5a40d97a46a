/// A stretch of office time within one local day, in minutes since local midnight: from
/// `startMinute` (inclusive) to `endMinute` (exclusive).
///
/// An interval ends by 23:59 at the latest, so a due moment at its end always falls on the same
/// calendar date (which the report classification relies on).
public struct OfficeInterval: Sendable, Hashable, Codable, CustomStringConvertible {
    public let startMinute: Int
    public let endMinute: Int

    /// The latest minute an interval may end at (23:59).
    public static let latestEndMinute = 1439

    /// Nil unless `0 <= startMinute < endMinute <= 1439`.
    public init?(startMinute: Int, endMinute: Int) {
        guard 0 <= startMinute, startMinute < endMinute, endMinute <= Self.latestEndMinute else { return nil }
        self.startMinute = startMinute
        self.endMinute = endMinute
    }

    /// Convenience for literals such as `OfficeInterval(start: (7, 30), end: (11, 30))`; nil when invalid.
    public init?(start: (hour: Int, minute: Int), end: (hour: Int, minute: Int)) {
        guard (0...59).contains(start.minute), (0...59).contains(end.minute) else { return nil }
        self.init(startMinute: start.hour * 60 + start.minute, endMinute: end.hour * 60 + end.minute)
    }

    /// Length in minutes.
    public var minutes: Int { endMinute - startMinute }

    var startSecond: Int { startMinute * 60 }
    var endSecond: Int { endMinute * 60 }

    /// `HH:mm–HH:mm`.
    public var description: String { "\(clock(startMinute))–\(clock(endMinute))" }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let start = try container.decode(Int.self, forKey: .startMinute)
        let end = try container.decode(Int.self, forKey: .endMinute)
        guard let interval = OfficeInterval(startMinute: start, endMinute: end) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "not an office interval: \(start)–\(end)"))
        }
        self = interval
    }
}

private func clock(_ minuteOfDay: Int) -> String {
    func two(_ value: Int) -> String { value < 10 ? "0" + String(value) : String(value) }
    return two(minuteOfDay / 60) + ":" + two(minuteOfDay % 60)
}
