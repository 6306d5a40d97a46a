import Foundation
import JWTKit
import Logging
import PostgresNIO
import ServiceKit
import Storage

/// The ES256 keys that sign access tokens. The newest unretired key signs; every unretired key is
/// published, so a rotation never invalidates tokens signed just before it (verifiers that meet an
/// unknown `kid` fetch the JWKS again). The private keys are stored sealed under the data key
/// (`private_key_pem` holds `ogs1:…`, bound to the row's `kid`; docs/operations.md).
struct SigningKeys: Sendable {
    let sealer: AtRestSealer

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
        let sealed = try sealer.seal(key.pemRepresentation, context: Self.context(kid))
        try await connection.query("""
            INSERT INTO identity.signing_keys (kid, private_key_pem, public_x, public_y)
            VALUES (\(kid), \(sealed), \(parameters.x), \(parameters.y))
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

    /// The unretired keys, opened. A key still in the clear (written by an instance older than
    /// sealing, during an upgrade) is sealed first.
    private func load(on connection: PostgresConnection, logger: Logger) async throws -> [Key] {
        var rows: [(kid: String, stored: String, x: String, y: String)] = []
        for try await (kid, stored, x, y) in try await connection.query("""
            SELECT kid, private_key_pem, public_x, public_y FROM identity.signing_keys
            WHERE retired_at IS NULL ORDER BY created_at DESC, kid
            """, logger: logger).decode((String, String, String, String).self) {
            rows.append((kid, stored, x, y))
        }
        if rows.contains(where: { !AtRestSealer.isSealed($0.stored) }) {
            try await sealStoredKeys(on: connection, logger: logger)
            return try await load(on: connection, logger: logger)
        }
        return try rows.map { row in
            let pem = try sealer.openString(row.stored, context: Self.context(row.kid))
            return Key(kid: row.kid, privateKey: try ES256PrivateKey(pem: pem), x: row.x, y: row.y)
        }
    }

    /// Seals every stored private key not yet sealed under the current data key: those written in
    /// the clear before sealing existed, and those of a rotated-out data key. Run at start-up (the
    /// data key is in the service's environment only, so no SQL migration can do it); idempotent,
    /// and instances starting together take turns on the rows' locks. Returns how many it sealed.
    @discardableResult
    func sealStoredKeys(on connection: PostgresConnection, logger: Logger) async throws -> Int {
        var updates: [(kid: String, sealed: String)] = []
        for try await (kid, stored) in try await connection.query(
            "SELECT kid, private_key_pem FROM identity.signing_keys ORDER BY kid FOR UPDATE", logger: logger
        ).decode((String, String).self) {
            if let sealed = try sealer.resealed(stored, context: Self.context(kid)) { updates.append((kid, sealed)) }
        }
        for update in updates {
            try await connection.query("UPDATE identity.signing_keys SET private_key_pem = \(update.sealed) WHERE kid = \(update.kid)",
                                       logger: logger)
        }
        return updates.count
    }

    /// The associated data of a key's seal: its column and row.
    static func context(_ kid: String) -> String { "identity.signing_keys.private_key_pem/\(kid)" }

    /// RFC 7517 key set of the public halves.
    static func jwks(_ keys: [Key]) -> String {
        let entries = keys.map { key in
            #"{"kty":"EC","crv":"P-256","alg":"ES256","use":"sig","kid":"\#(key.kid)","x":"\#(key.x)","y":"\#(key.y)"}"#
        }
        return #"{"keys":["# + entries.joined(separator: ",") + "]}"
    }
}
