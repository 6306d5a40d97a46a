import CArgon2
import Dispatch
import Foundation

/// Argon2id password hashing (libargon2 from Debian) with a random 16-byte salt per password,
/// stored in the standard encoded form (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`), so parameters can
/// be raised later without breaking existing hashes.
///
/// Hashing is deliberately slow and memory-hard, so it runs on GCD's global queue, not on Swift's
/// cooperative pool, and never more than `gate` allows at once (each one takes `memoryKiB`): a
/// caller that cannot get a turn in time gets `HashingGate.busy` (503).
struct Argon2Hasher: Sendable {
    let iterations: UInt32
    let memoryKiB: UInt32
    let parallelism: UInt32 = 1
    var gate = HashingGate(permits: 2, maximumWait: .seconds(2), maximumQueue: 64)

    struct Failure: Error, CustomStringConvertible {
        let code: Int32
        var description: String { "argon2: " + String(cString: argon2_error_message(code)) }
    }

    func hash(_ password: String) async throws -> String {
        try await offload { try hashNow(password) }
    }

    /// True when `password` matches `encoded`. A malformed hash never matches. Throws only
    /// `HashingGate.busy`.
    func verify(_ password: String, against encoded: String) async throws -> Bool {
        try await offload { verifyNow(password, encoded) }
    }

    private func hashNow(_ password: String) throws -> String {
        var salt = [UInt8](repeating: 0, count: 16)
        var generator = SystemRandomNumberGenerator()
        for index in salt.indices { salt[index] = generator.next() }
        let hashLength = 32
        let encodedLength = argon2_encodedlen(iterations, memoryKiB, parallelism, UInt32(salt.count), UInt32(hashLength), Argon2_id)
        var encoded = [CChar](repeating: 0, count: encodedLength)
        let bytes = Array(password.utf8)
        let status = argon2id_hash_encoded(iterations, memoryKiB, parallelism, bytes, bytes.count, salt, salt.count,
                                           hashLength, &encoded, encodedLength)
        guard status == ARGON2_OK.rawValue else { throw Failure(code: status) }
        return String(decoding: encoded.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private func verifyNow(_ password: String, _ encoded: String) -> Bool {
        let bytes = Array(password.utf8)
        return argon2id_verify(encoded, bytes, bytes.count) == ARGON2_OK.rawValue
    }

    private func offload<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await gate.run {
            try await withCheckedThrowingContinuation { continuation in
                DispatchQueue.global(qos: .userInitiated).async {
                    continuation.resume(with: Result { try work() })
                }
            }
        }
    }
}
