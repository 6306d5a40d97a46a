import Foundation

/// The sign-in lockout rule (docs/identity.md), decided on two counters that identity reads and
/// writes under a row lock:
///
/// - per (user name, client address): after `maximumPairFailures` consecutive failures from one
///   address the name is locked *for that address* for `pairLockout` — the attacker locks out
///   only themselves;
/// - per user name, all addresses together: after `maximumUserFailures` consecutive failures
///   (a higher threshold: spraying from many addresses) the name is locked for `userLockout` —
///   except from the addresses the user signed in from successfully within `knownAddressMemory`,
///   so nobody can lock a user out of their usual address from afar.
///
/// Attempts while locked are refused with the lock's end (even with the right password), change
/// no counter and so do not extend the lock. A success resets the address's counter and remembers
/// the address; it resets the name's counter unless the name is locked. A lock that has ended
/// starts its counter again from zero.
public struct SignInLockout: Sendable, Hashable {
    public struct Counter: Sendable, Hashable {
        public var failures: Int
        public var lockedUntil: Date?
        public var lastSuccessAt: Date?

        public init(failures: Int = 0, lockedUntil: Date? = nil, lastSuccessAt: Date? = nil) {
            self.failures = failures
            self.lockedUntil = lockedUntil
            self.lastSuccessAt = lastSuccessAt
        }

        func isLocked(at now: Date) -> Bool { lockedUntil.map { $0 > now } ?? false }

        /// The counter with an ended lock cleared.
        func current(at now: Date) -> Counter {
            guard let lockedUntil, lockedUntil <= now else { return self }
            return Counter(failures: 0, lockedUntil: nil, lastSuccessAt: lastSuccessAt)
        }
    }

    public enum Verdict: Sendable, Hashable {
        case signedIn
        case failed
        /// This failure reached a threshold and set the lock.
        case lockedNow(until: Date, perUser: Bool)
        /// A lock was already in force: refused without looking at the outcome.
        case locked(until: Date)
    }

    public struct Decision: Sendable, Hashable {
        public var pair: Counter
        public var user: Counter
        public var verdict: Verdict
        /// This attempt set the per-user lock (whether or not it refused this address).
        public var lockedUser: Bool = false
    }

    public var maximumPairFailures: Int
    public var pairLockout: TimeInterval
    public var maximumUserFailures: Int
    public var userLockout: TimeInterval
    public var knownAddressMemory: TimeInterval

    public init(maximumPairFailures: Int, pairLockout: TimeInterval, maximumUserFailures: Int, userLockout: TimeInterval,
                knownAddressMemory: TimeInterval) {
        self.maximumPairFailures = max(1, maximumPairFailures)
        self.pairLockout = pairLockout
        self.maximumUserFailures = max(1, maximumUserFailures)
        self.userLockout = userLockout
        self.knownAddressMemory = knownAddressMemory
    }

    /// True when the user signed in from this address recently enough to ignore a per-user lock.
    public func isKnown(_ pair: Counter, at now: Date) -> Bool {
        pair.lastSuccessAt.map { now.timeIntervalSince($0) < knownAddressMemory } ?? false
    }

    /// The verdict of one attempt whose password check `succeeded`, and the counters to store.
    public func decide(pair stored: Counter, user storedUser: Counter, succeeded: Bool, now: Date) -> Decision {
        let pair = stored.current(at: now)
        let user = storedUser.current(at: now)
        let known = isKnown(pair, at: now)
        let pairLock = pair.isLocked(at: now) ? pair.lockedUntil : nil
        let userLock = user.isLocked(at: now) && !known ? user.lockedUntil : nil
        if let until = [pairLock, userLock].compactMap({ $0 }).max() {
            return Decision(pair: pair, user: user, verdict: .locked(until: until))
        }
        if succeeded {
            let nextUser = user.isLocked(at: now) ? user : Counter(failures: 0, lockedUntil: nil, lastSuccessAt: now)
            return Decision(pair: Counter(failures: 0, lockedUntil: nil, lastSuccessAt: now), user: nextUser, verdict: .signedIn)
        }
        var nextPair = pair
        nextPair.failures += 1
        if nextPair.failures >= maximumPairFailures { nextPair.lockedUntil = now.addingTimeInterval(pairLockout) }
        var nextUser = user
        if !user.isLocked(at: now) {  // a known address failing under a per-user lock does not extend it
            nextUser.failures += 1
            if nextUser.failures >= maximumUserFailures { nextUser.lockedUntil = now.addingTimeInterval(userLockout) }
        }
        let verdict: Verdict
        if let until = nextPair.lockedUntil {
            verdict = .lockedNow(until: until, perUser: false)
        } else if let until = nextUser.lockedUntil, !user.isLocked(at: now), !known {
            verdict = .lockedNow(until: until, perUser: true)
        } else {
            verdict = .failed
        }
        return Decision(pair: nextPair, user: nextUser, verdict: verdict,
                        lockedUser: nextUser.lockedUntil != nil && !user.isLocked(at: now))
    }
}
