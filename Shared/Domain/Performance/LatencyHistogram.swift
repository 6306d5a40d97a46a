/// Response times bucketed by fixed upper bounds, with the exact count, sum and maximum.
/// Histograms of different processes and intervals merge by adding, so averages and maxima are
/// exact and percentiles are read to the bucket's upper bound (never below the true value).
public struct LatencyHistogram: Codable, Sendable, Equatable {
    /// Upper bounds in milliseconds; one more bucket holds everything slower.
    public static let boundsMilliseconds: [Double] = [
        0.5, 1, 2, 3, 5, 7.5, 10, 15, 20, 30, 50, 75, 100, 150, 200, 300, 500, 750,
        1_000, 1_500, 2_000, 3_000, 5_000, 10_000, 30_000,
    ]

    /// One count per bound, then the overflow bucket.
    public private(set) var counts: [Int]
    public private(set) var count: Int
    public private(set) var sumMilliseconds: Double
    public private(set) var maxMilliseconds: Double

    public init() {
        counts = Array(repeating: 0, count: Self.boundsMilliseconds.count + 1)
        count = 0
        sumMilliseconds = 0
        maxMilliseconds = 0
    }

    /// Rebuilds a histogram from stored parts; `nil` when they do not fit together.
    public init?(counts: [Int], sumMilliseconds: Double, maxMilliseconds: Double) {
        guard counts.count == Self.boundsMilliseconds.count + 1, counts.allSatisfy({ $0 >= 0 }),
              sumMilliseconds >= 0, maxMilliseconds >= 0 else { return nil }
        self.counts = counts
        self.count = counts.reduce(0, +)
        self.sumMilliseconds = sumMilliseconds
        self.maxMilliseconds = maxMilliseconds
    }

    /// Adds one response time.
    public mutating func record(milliseconds: Double) {
        let value = max(0, milliseconds)
        let bucket = Self.boundsMilliseconds.firstIndex { value <= $0 } ?? Self.boundsMilliseconds.count
        counts[bucket] += 1
        count += 1
        sumMilliseconds += value
        maxMilliseconds = max(maxMilliseconds, value)
    }

    /// Adds every response of `other`.
    public mutating func merge(_ other: LatencyHistogram) {
        for index in counts.indices { counts[index] += other.counts[index] }
        count += other.count
        sumMilliseconds += other.sumMilliseconds
        maxMilliseconds = max(maxMilliseconds, other.maxMilliseconds)
    }

    /// The exact mean; `nil` when empty.
    public var averageMilliseconds: Double? { count == 0 ? nil : sumMilliseconds / Double(count) }

    /// The `q`-quantile (0 < q ≤ 1) read as the upper bound of the bucket holding it, capped at the
    /// maximum seen; `nil` when empty.
    public func quantile(_ q: Double) -> Double? {
        guard count > 0 else { return nil }
        let rank = max(1, Int((q * Double(count)).rounded(.up)))
        var seen = 0
        for (index, bucketCount) in counts.enumerated() {
            seen += bucketCount
            if seen >= rank {
                let bound = index < Self.boundsMilliseconds.count ? Self.boundsMilliseconds[index] : maxMilliseconds
                return min(bound, maxMilliseconds)
            }
        }
        return maxMilliseconds
    }
}
