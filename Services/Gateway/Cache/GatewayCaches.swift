import Contracts
import Foundation
import ServiceKit

/// The gateway's read caches (docs/web.md, "Caching"): the portal's status and search pages as
/// rendered, each answer kept until its topic changes (`CacheVersions`) and at most
/// `ONEGATE_CACHE_SECONDS` (default 30; 0 turns caching off).
struct GatewayCaches: Sendable {
    let versions: CacheVersions
    let statusPages: ReadCache<String>
    let searchPages: ReadCache<String>

    init(feed: InvalidationFeed?, environment: ServiceEnvironment) {
        let seconds = environment.int("ONEGATE_CACHE_SECONDS", default: 30)
        let versions = seconds > 0 ? (feed?.versions ?? CacheVersions { nil }) : CacheVersions { nil }
        let lifetime = Duration.seconds(max(1, seconds))
        self.versions = versions
        self.statusPages = ReadCache(name: "status-page", versions: versions, lifetime: lifetime, capacity: 20_000)
        self.searchPages = ReadCache(name: "search-page", versions: versions, lifetime: lifetime, capacity: 2_000)
    }
}

/// The topics the gateway's caches are invalidated by.
enum CacheTopic {
    /// Everything about one dossier (its status, history, rating).
    static func dossier(_ code: String) -> String { "dossier:" + code }
    /// The published procedures (search and procedure pages).
    static let catalog = "catalog"
}
