import Crypto
import Foundation

/// Standard Webhooks signing: `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`
/// with the key in the subscription's `whsec_<base64>` secret.
enum WebhookSignature {
    static let prefix = "whsec_"

    /// A new secret: 32 random bytes.
    static func newSecret() -> String {
        prefix + Data(SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }).base64EncodedString()
    }

    static func key(of secret: String) -> SymmetricKey? {
        guard secret.hasPrefix(prefix), let bytes = Data(base64Encoded: String(secret.dropFirst(prefix.count))) else { return nil }
        return SymmetricKey(data: bytes)
    }

    /// The `webhook-signature` value.
    static func sign(id: String, timestamp: Int, body: Data, secret: String) -> String? {
        guard let key = key(of: secret) else { return nil }
        var signed = Data("\(id).\(timestamp).".utf8)
        signed.append(body)
        let mac = HMAC<SHA256>.authenticationCode(for: signed, using: key)
        return "v1," + Data(mac).base64EncodedString()
    }
}
