import Domain
import Foundation
import Testing

@Suite struct OneTimeTokenTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func anUnusedTokenBeforeItsExpiryIsValid() {
        #expect(OneTimeTokenRule.verdict(found: true, usedAt: nil, expiresAt: now.addingTimeInterval(1), now: now) == .valid)
    }

    @Test func theExpiryInstantIsTooLate() {
        #expect(OneTimeTokenRule.verdict(found: true, usedAt: nil, expiresAt: now, now: now) == .expired)
        #expect(OneTimeTokenRule.verdict(found: true, usedAt: nil, expiresAt: now.addingTimeInterval(-3600), now: now) == .expired)
    }

    @Test func aUsedTokenIsRefusedEvenBeforeItsExpiry() {
        #expect(OneTimeTokenRule.verdict(found: true, usedAt: now.addingTimeInterval(-5), expiresAt: now.addingTimeInterval(60),
                                         now: now) == .used)
    }

    @Test func anUnknownTokenIsUnknown() {
        #expect(OneTimeTokenRule.verdict(found: false, usedAt: nil, expiresAt: nil, now: now) == .unknown)
    }
}
