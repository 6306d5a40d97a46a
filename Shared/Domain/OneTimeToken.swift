import Foundation

/// What a one-time account token (e-mail verification, password reset) is worth when presented.
public enum OneTimeTokenVerdict: Sendable, Equatable {
    case valid
    case unknown
    case used
    case expired
}

/// The rule for account tokens: known, not used before, presented before it expires (the
/// expiry instant itself is too late).
public enum OneTimeTokenRule {
    public static func verdict(found: Bool, usedAt: Date?, expiresAt: Date?, now: Date) -> OneTimeTokenVerdict {
        guard found, let expiresAt else { return .unknown }
        if usedAt != nil { return .used }
        return now < expiresAt ? .valid : .expired
    }
}
