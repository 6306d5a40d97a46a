/// A token bucket: holds at most `burst` tokens, gains `perSecond` tokens a second, and each
/// request takes one. Time is any monotonic count of seconds the caller supplies, so the rule is
/// pure (the gateway passes its monotonic clock; tests pass numbers).
public struct TokenBucket: Sendable, Hashable {
    public struct Rate: Sendable, Hashable {
        /// Tokens the bucket holds at most: the largest burst allowed after a quiet spell (≥ 1).
        public let burst: Double
        /// Tokens gained a second (> 0).
        public let perSecond: Double

        public init(burst: Double, perSecond: Double) {
            self.burst = max(1, burst)
            self.perSecond = max(perSecond, 1e-9)
        }

        /// `count` requests a minute on average, `burst` at once.
        public static func perMinute(_ count: Double, burst: Double) -> Rate {
            Rate(burst: burst, perSecond: count / 60)
        }
    }

    public let rate: Rate
    public private(set) var tokens: Double
    public private(set) var updatedAt: Double

    /// A full bucket at `now`.
    public init(rate: Rate, now: Double) {
        self.rate = rate
        self.tokens = rate.burst
        self.updatedAt = now
    }

    /// Adds the tokens gained since the last update (a clock that went back adds nothing).
    public mutating func refill(now: Double) {
        guard now > updatedAt else { return }
        tokens = min(rate.burst, tokens + (now - updatedAt) * rate.perSecond)
        updatedAt = now
    }

    /// Seconds until a token is available at `now` (0: one is available now). Does not take it.
    public func wait(now: Double) -> Double {
        var copy = self
        copy.refill(now: now)
        return copy.tokens >= 1 ? 0 : (1 - copy.tokens) / rate.perSecond
    }

    /// Takes a token if one is available at `now`: 0 when taken, otherwise the seconds to wait
    /// (nothing is taken then, so refused requests do not push the next allowed one further away).
    public mutating func take(now: Double) -> Double {
        refill(now: now)
        guard tokens >= 1 else { return (1 - tokens) / rate.perSecond }
        tokens -= 1
        return 0
    }

    /// True when the bucket is full at `now`: it is then the same as a new bucket and may be forgotten.
    public func isFull(now: Double) -> Bool {
        var copy = self
        copy.refill(now: now)
        return copy.tokens >= rate.burst
    }
}

/// A global bucket plus one bucket per key (a client address), decided together: a request passes
/// only when both its key's bucket and the global bucket have a token, and then takes one from
/// each. At most `maximumKeys` keys are remembered: full buckets are forgotten first (they equal a
/// new one); when every remembered bucket is in use, a new key shares one overflow bucket, so
/// many fresh addresses cannot grow memory without bound nor escape the per-key rate.
public struct RateLimiterState<Key: Hashable & Sendable>: Sendable {
    public let perKey: TokenBucket.Rate
    public let maximumKeys: Int
    public private(set) var global: TokenBucket
    public private(set) var buckets: [Key: TokenBucket] = [:]
    public private(set) var overflow: TokenBucket
    private var prunedAt: Double

    public init(perKey: TokenBucket.Rate, global: TokenBucket.Rate, maximumKeys: Int, now: Double) {
        self.perKey = perKey
        self.maximumKeys = max(1, maximumKeys)
        self.global = TokenBucket(rate: global, now: now)
        self.overflow = TokenBucket(rate: perKey, now: now)
        self.prunedAt = now
    }

    /// 0 when the request of `key` may pass (its tokens are taken), otherwise the seconds after
    /// which a retry may pass.
    public mutating func admit(_ key: Key, now: Double) -> Double {
        // Pruning walks every bucket: at most once a second, so a flood of new keys costs no more.
        if buckets[key] == nil && buckets.count >= maximumKeys && now - prunedAt >= 1 { forgetFull(now: now) }
        let known = buckets[key] != nil || buckets.count < maximumKeys
        var bucket = buckets[key] ?? (known ? TokenBucket(rate: perKey, now: now) : overflow)
        let wait = max(bucket.wait(now: now), global.wait(now: now))
        if wait == 0 {
            _ = bucket.take(now: now)
            _ = global.take(now: now)
        }
        if known { buckets[key] = bucket } else { overflow = bucket }
        return wait
    }

    /// Drops the buckets that are full again.
    public mutating func forgetFull(now: Double) {
        prunedAt = now
        buckets = buckets.filter { !$0.value.isFull(now: now) }
    }
}
