import Crypto
import Foundation

/// The payment platform's signature: `X-Payment-Signature: sha256=<hex HMAC-SHA256 of the body>`
/// with the shared secret, on its callbacks and on our requests alike.
enum PaymentSignature {
    static let header = "X-Payment-Signature"

    static func sign(_ body: Data, secret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8)))
        return "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    /// Compares in constant time.
    static func verify(_ body: Data, signature: String?, secret: String) -> Bool {
        guard !secret.isEmpty, let signature, signature.hasPrefix("sha256="),
              let given = hexBytes(String(signature.dropFirst("sha256=".count))) else { return false }
        let key = SymmetricKey(data: Data(secret.utf8))
        return HMAC<SHA256>.isValidAuthenticationCode(given, authenticating: body, using: key)
    }

    static func hexBytes(_ text: String) -> Data? {
        guard text.count == 64 else { return nil }
        var bytes = Data(capacity: 32)
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            guard let byte = UInt8(text[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        return bytes
    }
}
