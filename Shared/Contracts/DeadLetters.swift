import Foundation

/// `integration.dead-letters`: integration's dead-lettered outbound jobs (deliveries that used up
/// their retries), counted by kind (`portal`, `webhook`, `notify`, `email`, `sms`,
/// `payment-request`, `confirm-payment`). Administrators of a root unit only.
public struct DeadLetterCounts: Codable, Sendable, Hashable {
    public struct Count: Codable, Sendable, Hashable {
        public var kind: String
        public var count: Int
        public init(kind: String, count: Int) {
            self.kind = kind
            self.count = count
        }
    }

    public var items: [Count]
    public init(items: [Count]) { self.items = items }
}

/// `integration.dead-letters-replay`: put dead-lettered jobs of `kind` (or every kind, `all`),
/// optionally of one dossier, back in the queue with a fresh retry bound, at most `limit`.
public struct DeadLetterReplay: Codable, Sendable, Hashable {
    public var kind: String
    public var dossier: String?
    public var limit: Int
    public init(kind: String, dossier: String?, limit: Int) {
        self.kind = kind
        self.dossier = dossier
        self.limit = limit
    }
}

/// How many dead-lettered messages or jobs a replay put back.
public struct DeadLetterReplayResult: Codable, Sendable, Hashable {
    public var replayed: Int
    public init(replayed: Int) { self.replayed = replayed }
}
