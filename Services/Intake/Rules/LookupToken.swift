import Crypto
import Foundation
import ServiceKit

/// The token that lets an anonymous applicant track a dossier by code (API.md: `?token=`).
///
/// It is derived from the code with an HMAC under a server secret, so a retried submission
/// (same `Idempotency-Key`) can hand back the same token without the token ever being stored;
/// only its SHA-256 is stored and shared with processing, which checks it on its own.
struct LookupTokens: Sendable {
    let key: SymmetricKey

    init(secret: String) {
        self.key = SymmetricKey(data: Data(secret.utf8))
    }

    /// 22 URL-safe characters (about 131 bits).
    func token(for code: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(code.utf8), using: key)
        let base64 = Data(mac).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        return String(base64.prefix(22))
    }

}

/// A fingerprint of a request body, to tell a genuine retry from a reused `Idempotency-Key`.
enum RequestFingerprint {
    static func of(_ data: Data) -> String {
        SHA256Hex.of(data)
    }
}
