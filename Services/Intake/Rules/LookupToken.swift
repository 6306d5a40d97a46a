import Crypto
import Foundation
import ServiceKit

/// The token that lets an anonymous applicant track a dossier by code (API.md: `?token=`).
///
/// Each token is 128 random bits from the system's CSPRNG, unrelated to the (guessable) code.
/// Only its SHA-256 is kept in the clear (intake's row, and processing's copy from the handover).
/// So that a retried submission (same `Idempotency-Key`) can hand back the same token, a
/// submission with a key also keeps the token sealed (AES-256-GCM, the code as associated data)
/// under `ONEGATE_LOOKUP_TOKEN_KEY`: reading the database alone gives no token, and the key alone
/// gives none either. See docs/lookup-tokens.md.
struct LookupTokens: Sendable {
    let key: SymmetricKey

    /// `secret` is any high-entropy string (scripts/secrets.sh writes 32 random bytes, base64);
    /// the AES key is derived from it with HKDF-SHA256.
    init(secret: String) {
        self.key = HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: Data(secret.utf8)),
                                          info: Data("onegate lookup-token seal v1".utf8), outputByteCount: 32)
    }

    /// The service's sealing key, from `ONEGATE_LOOKUP_TOKEN_KEY` (a development value only in the
    /// dev and test profiles).
    init(environment: ServiceEnvironment) {
        self.init(secret: environment.requiredSecretOrExit("ONEGATE_LOOKUP_TOKEN_KEY",
                                                           developmentDefault: "onegate-dev-lookup-token-key"))
    }

    /// A fresh token: 16 random bytes, 22 URL-safe characters.
    static func issue() -> String {
        SymmetricKey(size: .bits128).withUnsafeBytes { Data($0) }.base64URL
    }

    /// The token sealed for `code`, base64.
    func seal(_ token: String, code: String) throws -> String {
        try AES.GCM.seal(Data(token.utf8), using: key, authenticating: Data(code.utf8)).combined!.base64EncodedString()
    }

    /// The token sealed for `code`, or nil if it was sealed under another key or for another code.
    func open(_ sealed: String, code: String) -> String? {
        guard let data = Data(base64Encoded: sealed), let box = try? AES.GCM.SealedBox(combined: data),
              let plain = try? AES.GCM.open(box, using: key, authenticating: Data(code.utf8)) else { return nil }
        return String(decoding: plain, as: UTF8.self)
    }
}

private extension Data {
    var base64URL: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

/// A fingerprint of a request body, to tell a genuine retry from a reused `Idempotency-Key`.
enum RequestFingerprint {
    static func of(_ data: Data) -> String {
        SHA256Hex.of(data)
    }
}
