import Foundation
import Synchronization
import Testing
import ServiceKit

/// The gateway's read caches without a broker: what is kept, what is fetched again, and that a
/// change heard while an answer was being fetched keeps that answer out.
@Suite struct ReadCacheTests {
    /// A stand-in for the feed's connection: its number, nil while down.
    final class Feed: Sendable {
        let connection = Mutex<Int?>(1)
        var versions: CacheVersions { CacheVersions { self.connection.withLock { $0 } } }
    }

    final class Fetches: Sendable {
        let count = Mutex(0)
        func next() -> Int { count.withLock { $0 += 1; return $0 } }
    }

    static func cache(_ versions: CacheVersions, lifetime: Duration = .seconds(30), capacity: Int = 100) -> ReadCache<Int> {
        ReadCache(name: "test", versions: versions, lifetime: lifetime, capacity: capacity)
    }

    @Test func keepsAnAnswerUntilItsTopicChanges() async throws {
        let versions = Feed().versions
        let cache = Self.cache(versions)
        let fetches = Fetches()
        #expect(await cache.value(for: "a", topic: "dossier:A") { (fetches.next(), true) } == 1)
        #expect(await cache.value(for: "a", topic: "dossier:A") { (fetches.next(), true) } == 1)
        try #require(CacheVersions.stripe(of: "dossier:A") != CacheVersions.stripe(of: "dossier:B"))
        versions.changed("dossier:B")
        #expect(await cache.value(for: "a", topic: "dossier:A") { (fetches.next(), true) } == 1)
        versions.changed("dossier:A")
        #expect(await cache.value(for: "a", topic: "dossier:A") { (fetches.next(), true) } == 2)
        #expect(await cache.value(for: "a", topic: "dossier:A") { (fetches.next(), true) } == 2)
    }

    @Test func keepsNothingUncacheableOrFailed() async throws {
        let cache = Self.cache(Feed().versions)
        let fetches = Fetches()
        _ = await cache.value(for: "a", topic: "t") { (fetches.next(), false) }
        #expect(await cache.value(for: "a", topic: "t") { (fetches.next(), true) } == 2)
        struct Refused: Error {}
        await #expect(throws: Refused.self) { _ = try await cache.value(for: "b", topic: "t") { throw Refused() } }
        #expect(cache.count == 1)
    }

    @Test func aChangeHeardDuringTheFetchKeepsTheAnswerOut() async {
        let versions = Feed().versions
        let cache = Self.cache(versions)
        let answer = await cache.value(for: "a", topic: "dossier:A") {
            versions.changed("dossier:A")  // the event arrived while the service was answering
            return (1, true)
        }
        #expect(answer == 1)
        #expect(cache.count == 0)
    }

    @Test func nothingIsServedWhileTheFeedIsDownNorAfterItReconnected() async {
        let feed = Feed()
        let versions = feed.versions
        let cache = Self.cache(versions)
        let fetches = Fetches()
        _ = await cache.value(for: "a", topic: "t") { (fetches.next(), true) }
        feed.connection.withLock { $0 = nil }
        #expect(await cache.value(for: "a", topic: "t") { (fetches.next(), true) } == 2)
        #expect(cache.count == 1)  // the earlier answer; not replaced while down
        feed.connection.withLock { $0 = 2 }
        #expect(await cache.value(for: "a", topic: "t") { (fetches.next(), true) } == 3)
        #expect(await cache.value(for: "a", topic: "t") { (fetches.next(), true) } == 3)
    }

    @Test func answersExpire() async throws {
        let cache = Self.cache(Feed().versions, lifetime: .milliseconds(50))
        let fetches = Fetches()
        _ = await cache.value(for: "a", topic: "t") { (fetches.next(), true) }
        try await Task.sleep(for: .milliseconds(80))
        #expect(await cache.value(for: "a", topic: "t") { (fetches.next(), true) } == 2)
    }

    @Test func staysWithinItsCapacity() async {
        let cache = Self.cache(Feed().versions, capacity: 8)
        for key in 0..<100 { _ = await cache.value(for: "k\(key)", topic: "t\(key)") { (key, true) } }
        #expect(cache.count <= 8)
        #expect(await cache.value(for: "k99", topic: "t99") { (-1, true) } == 99)
    }
}
