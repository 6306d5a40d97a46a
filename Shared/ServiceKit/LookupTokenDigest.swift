import Crypto
import Foundation

/// Lookup tokens are never stored, only their SHA-256; intake and processing both check a
/// presented token against that digest, in constant time.
public enum LookupTokenDigest {
    /// Lower-case hex SHA-256 of the token.
    public static func of(_ token: String) -> String {
        SHA256Hex.of(token)
    }

    public static func matches(_ token: String, digest: String) -> Bool {
        let presented = Array(of(token).utf8)
        let stored = Array(digest.utf8)
        guard presented.count == stored.count else { return false }
        return zip(presented, stored).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
