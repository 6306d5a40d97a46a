import Crypto
import Foundation

/// Seals secrets kept at rest (identity's token signing keys, documents' agency keys,
/// integration's webhook secrets) with AES-256-GCM under the installation's data key
/// (`ONEGATE_DATA_KEY`, see `AtRestSealer+Environment.swift` and docs/operations.md).
///
/// A sealed value is text: `ogs1:<key id>:<base64 of nonce ‖ ciphertext ‖ tag>`. The key id lets a
/// rotated-out key (`ONEGATE_DATA_KEY_PREVIOUS`) still open what it sealed until it is re-sealed.
/// The caller's `context` (what the value is and whose it is, e.g.
/// `identity.signing_keys.private_key_pem/es256-1a2b3c4d`) is authenticated with it, so a sealed
/// value copied into another row, file or column does not open.
public struct AtRestSealer: Sendable {
    /// One data key and its id (derived from the key, so it needs no configuration of its own).
    public struct DataKey: Sendable {
        public let id: String
        let key: SymmetricKey

        /// `key` must be 256 bits.
        public init(_ key: SymmetricKey) throws {
            guard key.bitCount == 256 else { throw AtRestSealingError.keyNot256Bits(key.bitCount / 8) }
            self.key = key
            let mac = HMAC<SHA256>.authenticationCode(for: Data("onegate data key id".utf8), using: key)
            id = mac.prefix(6).map { String(format: "%02x", $0) }.joined()
        }
    }

    static let version = "ogs1"

    /// The key that seals.
    public let current: DataKey
    /// Keys that only open (rotated out), by id.
    private let previous: [String: DataKey]

    public init(current: DataKey, previous: [DataKey] = []) {
        self.current = current
        self.previous = Dictionary(previous.filter { $0.id != current.id }.map { ($0.id, $0) }) { first, _ in first }
    }

    /// Whether `stored` has the form of a sealed value (as opposed to a value written before sealing).
    public static func isSealed(_ stored: String) -> Bool {
        stored.hasPrefix(version + ":")
    }

    /// `plaintext` sealed under the current key for `context`.
    public func seal(_ plaintext: Data, context: String) throws -> String {
        let box = try AES.GCM.seal(plaintext, using: current.key, authenticating: Self.associatedData(current.id, context))
        guard let combined = box.combined else { throw AtRestSealingError.malformed(context: context) }
        return "\(Self.version):\(current.id):\(combined.base64EncodedString())"
    }

    public func seal(_ plaintext: String, context: String) throws -> String {
        try seal(Data(plaintext.utf8), context: context)
    }

    /// The plaintext of a value sealed for `context` under the current or a previous key.
    public func open(_ sealed: String, context: String) throws -> Data {
        let parts = sealed.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == Self.version else {
            throw Self.isSealed(sealed) ? AtRestSealingError.malformed(context: context) : AtRestSealingError.notSealed(context: context)
        }
        let id = String(parts[1])
        guard let key = id == current.id ? current : previous[id] else {
            throw AtRestSealingError.unknownKey(id: id, context: context)
        }
        guard let combined = Data(base64Encoded: String(parts[2])), let box = try? AES.GCM.SealedBox(combined: combined) else {
            throw AtRestSealingError.malformed(context: context)
        }
        do {
            return try AES.GCM.open(box, using: key.key, authenticating: Self.associatedData(id, context))
        } catch {
            throw AtRestSealingError.refused(context: context)
        }
    }

    public func openString(_ sealed: String, context: String) throws -> String {
        String(decoding: try open(sealed, context: context), as: UTF8.self)
    }

    /// What to write back for `stored` so that it is sealed under the current key: nil when it
    /// already is. A value written before sealing existed (not of the sealed form) is sealed as it
    /// is; a value sealed under a previous key is opened and sealed again.
    public func resealed(_ stored: String, context: String) throws -> String? {
        guard Self.isSealed(stored) else { return try seal(stored, context: context) }
        if stored.hasPrefix("\(Self.version):\(current.id):") {
            _ = try open(stored, context: context)  // a broken value is reported now, not at first use
            return nil
        }
        return try seal(try open(stored, context: context), context: context)
    }

    private static func associatedData(_ keyID: String, _ context: String) -> Data {
        Data("\(version):\(keyID):\(context)".utf8)
    }
}

/// Why a sealed value cannot be opened (none of them says anything about the plaintext).
public enum AtRestSealingError: Error, Equatable, CustomStringConvertible {
    /// Stored in the clear (written before sealing).
    case notSealed(context: String)
    /// Not of the sealed form.
    case malformed(context: String)
    /// Sealed under a key that is neither `ONEGATE_DATA_KEY` nor one of `ONEGATE_DATA_KEY_PREVIOUS`.
    case unknownKey(id: String, context: String)
    /// Authentication failed: changed, or sealed for another context (row, file, purpose).
    case refused(context: String)
    /// A data key of the wrong size (bytes).
    case keyNot256Bits(Int)

    public var description: String {
        switch self {
        case .notSealed(let context): "\(context) is stored unsealed"
        case .malformed(let context): "\(context) is not a well-formed sealed value"
        case .unknownKey(let id, let context):
            "\(context) is sealed under data key \(id), which is neither ONEGATE_DATA_KEY nor in ONEGATE_DATA_KEY_PREVIOUS"
        case .refused(let context): "\(context) does not open: altered, or sealed for another row or purpose"
        case .keyNot256Bits(let bytes): "a data key must be 32 bytes, not \(bytes)"
        }
    }
}
