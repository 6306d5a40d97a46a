import Crypto
import Foundation

/// Lower-case hexadecimal SHA-256, the form every stored digest in onegate takes.
public enum SHA256Hex {
    public static func of(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    public static func of(_ text: String) -> String { of(Data(text.utf8)) }
}
