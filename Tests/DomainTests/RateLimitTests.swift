import Domain
import Foundation
import Testing

@Suite struct TokenBucketTests {
    let tenAMinute = TokenBucket.Rate.perMinute(10, burst: 10)

    @Test func aFullBucketAllowsTheBurstThenRefuses() {
        var bucket = TokenBucket(rate: tenAMinute, now: 0)
        for _ in 1...10 { #expect(bucket.take(now: 0) == 0) }
        let wait = bucket.take(now: 0)
        #expect(abs(wait - 6) < 1e-9, "one token every 6 s")
    }

    @Test func tokensComeBackAtTheRate() {
        var bucket = TokenBucket(rate: tenAMinute, now: 0)
        for _ in 1...10 { _ = bucket.take(now: 0) }
        #expect(bucket.take(now: 5.9) > 0)
        #expect(abs(bucket.wait(now: 5.9) - 0.1) < 1e-9, "the wait is what remains of the 6 s")
        #expect(bucket.take(now: 6) == 0)
        #expect(bucket.take(now: 6) > 0)
    }

    @Test func refusalsTakeNothing() {
        var bucket = TokenBucket(rate: .init(burst: 1, perSecond: 1), now: 0)
        #expect(bucket.take(now: 0) == 0)
        for step in 1...9 { #expect(bucket.take(now: Double(step) / 10) > 0) }
        #expect(bucket.take(now: 1) == 0, "hammering does not push the next token away")
    }

    @Test func aQuietSpellRefillsOnlyUpToTheBurst() {
        var bucket = TokenBucket(rate: tenAMinute, now: 0)
        _ = bucket.take(now: 0)
        #expect(!bucket.isFull(now: 1))
        #expect(bucket.isFull(now: 6))
        for _ in 1...10 { #expect(bucket.take(now: 3_600) == 0) }
        #expect(bucket.take(now: 3_600) > 0)
    }

    @Test func aClockThatGoesBackAddsNothing() {
        var bucket = TokenBucket(rate: .init(burst: 1, perSecond: 1), now: 10)
        #expect(bucket.take(now: 10) == 0)
        #expect(bucket.take(now: 5) > 0)
        #expect(bucket.take(now: 11) == 0)
    }

    @Test func ratesAreKeptSane() {
        let rate = TokenBucket.Rate(burst: 0, perSecond: 0)
        #expect(rate.burst == 1 && rate.perSecond > 0)
    }
}

@Suite struct RateLimiterStateTests {
    @Test func eachKeyHasItsOwnBucket() {
        var state = RateLimiterState<String>(perKey: .init(burst: 2, perSecond: 0.1), global: .init(burst: 100, perSecond: 100),
                                             maximumKeys: 10, now: 0)
        #expect(state.admit("a", now: 0) == 0)
        #expect(state.admit("a", now: 0) == 0)
        #expect(state.admit("a", now: 0) > 0)
        #expect(state.admit("b", now: 0) == 0, "another address is not limited by the first")
    }

    @Test func theGlobalBucketLimitsEveryKeyTogether() {
        var state = RateLimiterState<String>(perKey: .init(burst: 5, perSecond: 1), global: .init(burst: 3, perSecond: 3),
                                             maximumKeys: 10, now: 0)
        #expect(state.admit("a", now: 0) == 0)
        #expect(state.admit("b", now: 0) == 0)
        #expect(state.admit("c", now: 0) == 0)
        let wait = state.admit("d", now: 0)
        #expect(abs(wait - 1.0 / 3) < 1e-9)
        #expect(state.admit("d", now: 0.34) == 0)
    }

    @Test func aGlobalRefusalTakesNothingFromTheKey() {
        var state = RateLimiterState<String>(perKey: .init(burst: 1, perSecond: 0.001), global: .init(burst: 1, perSecond: 1),
                                             maximumKeys: 10, now: 0)
        #expect(state.admit("a", now: 0) == 0)
        #expect(state.admit("b", now: 0.5) > 0, "global bucket empty")
        #expect(state.admit("b", now: 1) == 0, "b's own token was not spent by the refusal")
    }

    @Test func memoryIsBoundedAndFullBucketsAreForgotten() {
        var state = RateLimiterState<Int>(perKey: .init(burst: 1, perSecond: 1), global: .init(burst: 1_000, perSecond: 1_000),
                                          maximumKeys: 3, now: 0)
        for key in 1...3 { #expect(state.admit(key, now: 0) == 0) }
        #expect(state.buckets.count == 3)
        // Every remembered bucket is in use: new keys share the overflow bucket.
        #expect(state.admit(4, now: 0.1) == 0)
        #expect(state.admit(5, now: 0.1) > 0, "fresh keys cannot escape the per-key rate")
        #expect(state.buckets.count == 3)
        // Later the old buckets are full again and make room.
        #expect(state.admit(6, now: 5) == 0)
        #expect(state.buckets.keys.sorted() == [6])
    }
}

@Suite struct SignInLockoutTests {
    let rule = SignInLockout(maximumPairFailures: 3, pairLockout: 60, maximumUserFailures: 5, userLockout: 120,
                             knownAddressMemory: 86_400)
    let start = Date(timeIntervalSince1970: 1_000_000)

    /// Plays attempts as identity does: each address has its counter, the name one shared counter.
    struct Play {
        let rule: SignInLockout
        var pairs: [String: SignInLockout.Counter] = [:]
        var user = SignInLockout.Counter()

        mutating func attempt(from address: String, succeeded: Bool, at now: Date) -> SignInLockout.Verdict {
            let decision = rule.decide(pair: pairs[address] ?? .init(), user: user, succeeded: succeeded, now: now)
            pairs[address] = decision.pair
            user = decision.user
            return decision.verdict
        }
    }

    @Test func failuresFromOneAddressLockOnlyThatAddress() {
        var play = Play(rule: rule)
        #expect(play.attempt(from: "a", succeeded: false, at: start) == .failed)
        #expect(play.attempt(from: "a", succeeded: false, at: start) == .failed)
        #expect(play.attempt(from: "a", succeeded: false, at: start) == .lockedNow(until: start + 60, perUser: false))
        #expect(play.attempt(from: "a", succeeded: true, at: start + 1) == .locked(until: start + 60), "even the right password")
        #expect(play.attempt(from: "b", succeeded: true, at: start + 1) == .signedIn, "another address is not locked")
        #expect(play.attempt(from: "a", succeeded: true, at: start + 60) == .signedIn, "the lock ends")
    }

    @Test func attemptsWhileLockedDoNotExtendTheLock() {
        var play = Play(rule: rule)
        for _ in 1...3 { _ = play.attempt(from: "a", succeeded: false, at: start) }
        for second in 1...59 { #expect(play.attempt(from: "a", succeeded: false, at: start + Double(second)) == .locked(until: start + 60)) }
        #expect(play.attempt(from: "a", succeeded: false, at: start + 60) == .failed, "the count starts again")
    }

    @Test func sprayingFromManyAddressesLocksTheNameButNotItsKnownAddresses() {
        var play = Play(rule: rule)
        #expect(play.attempt(from: "home", succeeded: true, at: start) == .signedIn)
        let attackers = ["x1", "x1", "x2", "x2"]
        for address in attackers { #expect(play.attempt(from: address, succeeded: false, at: start + 1) == .failed) }
        #expect(play.attempt(from: "x3", succeeded: false, at: start + 1) == .lockedNow(until: start + 121, perUser: true))
        #expect(play.attempt(from: "x4", succeeded: true, at: start + 2) == .locked(until: start + 121), "a new address is refused")
        #expect(play.attempt(from: "home", succeeded: true, at: start + 2) == .signedIn, "the user's own address is not")
        #expect(play.user.lockedUntil == start + 121, "and the user's success does not lift the lock for the attackers")
        #expect(play.attempt(from: "x4", succeeded: true, at: start + 121) == .signedIn)
    }

    @Test func aKnownAddressIsForgottenAfterTheMemory() {
        var play = Play(rule: rule)
        _ = play.attempt(from: "home", succeeded: true, at: start)
        let later = start + 86_400
        for address in ["x1", "x2", "x3", "x4", "x5"] { _ = play.attempt(from: address, succeeded: false, at: later) }
        #expect(play.attempt(from: "home", succeeded: true, at: later + 1) == .locked(until: later + 120))
    }

    @Test func aSuccessResetsTheCounters() {
        var play = Play(rule: rule)
        for _ in 1...2 { _ = play.attempt(from: "a", succeeded: false, at: start) }
        #expect(play.attempt(from: "a", succeeded: true, at: start) == .signedIn)
        #expect(play.pairs["a"]?.failures == 0 && play.user.failures == 0)
        for _ in 1...2 { #expect(play.attempt(from: "a", succeeded: false, at: start) == .failed) }
    }
}
