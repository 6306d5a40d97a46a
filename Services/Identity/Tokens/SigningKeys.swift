import Foundation
import JWTKit
import Logging
import PostgresNIO
import Storage

/// The ES256 keys that sign access tokens. The newest unretired key signs; every unretired key is
/// published, so a rotation never invalidates tokens signed just before it (verifiers that meet an
/// unknown `kid` fetch the JWKS again).
struct SigningKeys: Sendable {
    struct Key: Sendable {
        let kid: String
        let privateKey: ES256PrivateKey
        let x: String
        let y: String
    }

    /// All unretired keys, newest first; creates the first key when there is none.
    func current(on connection: PostgresConnection, logger: Logger) async throws -> [Key] {
        var keys = try await load(on: connection, logger: logger)
        if keys.isEmpty {
            try await rotate(on: connection, logger: logger)
            keys = try await load(on: connection, logger: logger)
        }
        return keys
    }

    /// Adds a new signing key. Keys that stopped signing more than `retireOlderThan` ago (a newer
    /// key existed by then) stop being published. A key's own age does not matter: the key that
    /// signed until this rotation stays published however old it is, so its tokens still verify.
    func rotate(retireOlderThan: TimeInterval? = nil, on connection: PostgresConnection, logger: Logger) async throws {
        // Serialise first-key creation across instances starting together.
        try await connection.run("SELECT pg_advisory_xact_lock(hashtext('identity.signing_keys'))", logger: logger)
        let key = ES256PrivateKey()
        guard let parameters = key.parameters else { throw JWTError.generic(identifier: "key", reason: "no EC parameters") }
        let kid = "es256-" + UUID().uuidString.prefix(8).lowercased()
        try await connection.query("""
            INSERT INTO identity.signing_keys (kid, private_key_pem, public_x, public_y)
            VALUES (\(kid), \(key.pemRepresentation), \(parameters.x), \(parameters.y))
            """, logger: logger)
        if let retireOlderThan {
            let cutoff = Date().addingTimeInterval(-retireOlderThan)
            try await connection.query("""
                UPDATE identity.signing_keys AS superseded SET retired_at = now()
                WHERE retired_at IS NULL AND kid <> \(kid)
                  AND EXISTS (SELECT 1 FROM identity.signing_keys AS successor
                              WHERE successor.created_at > superseded.created_at AND successor.created_at <= \(cutoff))
                """, logger: logger)
        }
    }

    private func load(on connection: PostgresConnection, logger: Logger) async throws -> [Key] {
        var keys: [Key] = []
        for try await (kid, pem, x, y) in try await connection.query("""
            SELECT kid, private_key_pem, public_x, public_y FROM identity.signing_keys
            WHERE retired_at IS NULL ORDER BY created_at DESC, kid
            """, logger: logger).decode((String, String, String, String).self) {
            keys.append(Key(kid: kid, privateKey: try ES256PrivateKey(pem: pem), x: x, y: y))
        }
        return keys
    }

    /// RFC 7517 key set of the public halves.
    static func jwks(_ keys: [Key]) -> String {
        let entries = keys.map { key in
            #"{"kty":"EC","crv":"P-256","alg":"ES256","use":"sig","kid":"\#(key.kid)","x":"\#(key.x)","y":"\#(key.y)"}"#
        }
        return #"{"keys":["# + entries.joined(separator: ",") + "]}"
    }
}
