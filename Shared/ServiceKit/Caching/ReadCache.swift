import Foundation
import Metrics
import Synchronization

/// A bounded in-memory cache of answers from the services, each filed under a topic of
/// `CacheVersions`: an answer is served again only while nothing about its topic changed and
/// for at most `lifetime` (a bound on staleness should an event be lost in a way the feed
/// cannot notice). A miss fetches; two requests missing at once both fetch (no waiting on each
/// other's failure), and the later answer wins.
public final class ReadCache<Value: Sendable>: Sendable {
    private struct Entry {
        let value: Value
        let stamp: CacheVersions.Stamp
        let expires: ContinuousClock.Instant
    }

    private let versions: CacheVersions
    private let lifetime: Duration
    private let capacity: Int
    private let entries = Mutex<[String: Entry]>([:])
    private let hits: Counter
    private let misses: Counter

    /// `name` labels its metrics (`onegate_gateway_cache_total{cache=name,result=hit|miss}`).
    public init(name: String, versions: CacheVersions, lifetime: Duration, capacity: Int) {
        self.versions = versions
        self.lifetime = lifetime
        self.capacity = capacity
        self.hits = Counter(label: "onegate_gateway_cache_total", dimensions: [("cache", name), ("result", "hit")])
        self.misses = Counter(label: "onegate_gateway_cache_total", dimensions: [("cache", name), ("result", "miss")])
    }

    /// The answer for `key` about `topic`: the kept one if still current, else `fetch`'s — kept
    /// when `fetch` says it may be (`cacheable`) and nothing about the topic changed meanwhile.
    /// Errors of `fetch` are thrown and never kept.
    public func value(for key: String, topic: String,
               fetch: () async throws -> (value: Value, cacheable: Bool)) async rethrows -> Value {
        let now = ContinuousClock.now
        if let kept = entries.withLock({ $0[key] }), kept.expires > now, versions.isCurrent(kept.stamp) {
            hits.increment()
            return kept.value
        }
        misses.increment()
        let stamp = versions.stamp(topic)
        let fetched = try await fetch()
        if fetched.cacheable, let stamp, versions.isCurrent(stamp) {
            let entry = Entry(value: fetched.value, stamp: stamp, expires: ContinuousClock.now.advanced(by: lifetime))
            entries.withLock { entries in
                if entries.count >= capacity, entries[key] == nil { Self.makeRoom(&entries, capacity: capacity) }
                entries[key] = entry
            }
        }
        return fetched.value
    }

    /// The number of answers kept (tests and gauges).
    public var count: Int { entries.withLock { $0.count } }

    /// Drops what expired; if that is not enough, an arbitrary quarter (a dictionary has no order,
    /// and an exact LRU would cost every hit a write).
    private static func makeRoom(_ entries: inout [String: Entry], capacity: Int) {
        let now = ContinuousClock.now
        entries = entries.filter { $0.value.expires > now }
        guard entries.count >= capacity else { return }
        for key in entries.keys.prefix(max(1, capacity / 4)) { entries.removeValue(forKey: key) }
    }
}
