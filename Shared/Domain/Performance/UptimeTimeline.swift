import Foundation

/// Turns health probes into up, down and unobserved stretches of a period. A probe speaks for the
/// time until the next one (at most its interval × `grace`); time no probe speaks for is unobserved.
public struct UptimeTimeline: Sendable, Equatable {
    public enum State: Sendable, Equatable {
        case up
        case down(failing: [String])
        case unobserved
    }

    public struct Segment: Sendable, Equatable {
        public var from: Date
        public var to: Date
        public var state: State
        public var seconds: Double { to.timeIntervalSince(from) }
    }

    /// How long past its interval a probe still counts, so a slightly late probe leaves no gap.
    public static let grace = 1.5

    public let from: Date
    public let to: Date
    /// Contiguous, in order, covering exactly `from..<to`.
    public let segments: [Segment]

    public init(probes: [HealthProbe], from: Date, to: Date) {
        self.from = from
        self.to = to
        let sorted = probes.sorted { $0.at < $1.at }
        var segments: [Segment] = []
        var cursor = from
        func append(_ start: Date, _ end: Date, _ state: State) {
            guard end > start else { return }
            if let last = segments.last, last.state == state, last.to == start {
                segments[segments.count - 1].to = end
            } else {
                segments.append(Segment(from: start, to: end, state: state))
            }
        }
        for (index, probe) in sorted.enumerated() {
            let next = index + 1 < sorted.count ? sorted[index + 1].at : Date.distantFuture
            let start = max(probe.at, from)
            let end = min(probe.at.addingTimeInterval(probe.intervalSeconds * Self.grace), next, to)
            guard end > start, end > cursor else { continue }
            append(cursor, max(cursor, start), .unobserved)
            append(max(cursor, start), end, probe.up ? .up : .down(failing: probe.failing.sorted()))
            cursor = end
        }
        append(cursor, to, .unobserved)
        self.segments = segments
    }

    public func seconds(_ matching: (State) -> Bool, within range: Range<Date>? = nil) -> Double {
        segments.filter { matching($0.state) }.reduce(0) { total, segment in
            guard let range else { return total + segment.seconds }
            let start = max(segment.from, range.lowerBound), end = min(segment.to, range.upperBound)
            return total + max(0, end.timeIntervalSince(start))
        }
    }

    /// Maximal stretches that were not up, with everything that failed in them.
    public var outages: [Outage] {
        var outages: [Outage] = []
        var current: (from: Date, to: Date, causes: Set<String>)?
        for segment in segments {
            let causes: [String]
            switch segment.state {
            case .up:
                if let open = current {
                    outages.append(Self.outage(open))
                    current = nil
                }
                continue
            case .down(let failing): causes = failing.isEmpty ? ["unknown"] : failing
            case .unobserved: causes = ["unobserved"]
            }
            if var open = current {
                open.to = segment.to
                open.causes.formUnion(causes)
                current = open
            } else {
                current = (segment.from, segment.to, Set(causes))
            }
        }
        if let open = current { outages.append(Self.outage(open)) }
        return outages
    }

    static func outage(_ open: (from: Date, to: Date, causes: Set<String>)) -> Outage {
        Outage(from: open.from, to: open.to, seconds: open.to.timeIntervalSince(open.from), causes: open.causes.sorted())
    }
}
