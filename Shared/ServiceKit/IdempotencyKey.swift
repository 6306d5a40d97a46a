import Domain
import Foundation

/// The `Idempotency-Key` a client sends so that a retried request has its first effect only.
public enum IdempotencyKey {
    public static let maximumLength = 128

    /// The key when well-formed (1 to 128 visible ASCII characters); nil when none was sent.
    public static func validated(_ key: String?) throws -> String? {
        guard let key else { return nil }
        guard !key.isEmpty, key.count <= maximumLength,
              key.unicodeScalars.allSatisfy({ $0.value >= 0x21 && $0.value <= 0x7E }) else {
            throw ValidationFailure([FieldError(field: "Idempotency-Key",
                                                message: "must be 1 to \(maximumLength) visible ASCII characters")])
        }
        return key
    }
}
