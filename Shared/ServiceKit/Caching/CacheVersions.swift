import Foundation
import Synchronization

/// What a gateway's read caches (`ReadCache`) are allowed to trust: a version per topic (a dossier, the
/// catalog), raised by every change the gateway hears of — an event on its private queue
/// (the gateway's `InvalidationFeed`) or a write it forwarded itself — and the connection of the
/// feed that carries those events. An answer is kept only if no change of its topic was heard
/// while it was being fetched, and served only while the feed is still on the connection it was
/// fetched under: while the feed is down (events may be missed) nothing is served from a cache.
///
/// Topics are spread over a fixed number of stripes, so the memory is bounded whatever the number
/// of dossiers; two topics sharing a stripe only cost each other a few extra misses.
public final class CacheVersions: Sendable {
    /// Where an answer was fetched: its topic's stripe, that stripe's version and the feed's connection.
    public struct Stamp: Sendable, Equatable {
        public let stripe: Int
        public let version: UInt64
        public let connection: Int
    }

    private static let stripeCount = 4096
    private let stripes: Mutex<[UInt64]>
    private let feedConnection: @Sendable () -> Int?

    /// `feedConnection` answers the feed's current connection number, or nil while it is not
    /// connected (nothing is cached then).
    public init(feedConnection: @escaping @Sendable () -> Int?) {
        self.stripes = Mutex([UInt64](repeating: 0, count: Self.stripeCount))
        self.feedConnection = feedConnection
    }

    /// The stamp an answer fetched now would carry; nil when nothing may be cached.
    public func stamp(_ topic: String) -> Stamp? {
        guard let connection = feedConnection() else { return nil }
        let stripe = Self.stripe(of: topic)
        return Stamp(stripe: stripe, version: stripes.withLock { $0[stripe] }, connection: connection)
    }

    /// True while nothing changed the stamp's topic since it was taken and the feed kept its connection.
    public func isCurrent(_ stamp: Stamp) -> Bool {
        guard feedConnection() == stamp.connection else { return false }
        return stripes.withLock { $0[stamp.stripe] } == stamp.version
    }

    /// Something about `topic` changed: every answer about it is stale from now on.
    public func changed(_ topic: String) {
        let stripe = Self.stripe(of: topic)
        stripes.withLock { $0[stripe] &+= 1 }
    }

    /// FNV-1a: stable and cheap (the standard hasher is seeded per process, which would do too,
    /// but this keeps the stripes reproducible in tests).
    public static func stripe(of topic: String) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in topic.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return Int(hash % UInt64(stripeCount))
    }
}
