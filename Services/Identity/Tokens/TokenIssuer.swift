import Foundation
import JWTKit
import Logging
import PostgresNIO
import ServiceKit

/// Signs access tokens with the newest key and serves the JWKS. Keys are re-read from the
/// database every `keysRefresh` seconds, so a rotation (`identity rotate-keys`) is picked up.
actor TokenIssuer {
    let client: PostgresClient
    let logger: Logger
    let accessLifetime: TimeInterval
    let keysRefresh: TimeInterval
    let signingKeys: SigningKeys
    private var keys: [SigningKeys.Key] = []
    private var collection = JWTKeyCollection()
    private var loadedAt = Date.distantPast

    init(client: PostgresClient, logger: Logger, accessLifetime: TimeInterval, keysRefresh: TimeInterval, signingKeys: SigningKeys) {
        self.client = client
        self.signingKeys = signingKeys
        self.logger = logger
        self.accessLifetime = accessLifetime
        self.keysRefresh = keysRefresh
    }

    func sign(_ claims: AccessTokenClaims) async throws -> String {
        try await refreshIfStale()
        guard let newest = keys.first else { throw JWTError.generic(identifier: "keys", reason: "no signing key") }
        return try await collection.sign(claims, kid: JWKIdentifier(string: newest.kid))
    }

    func jwks() async throws -> String {
        try await refreshIfStale()
        return SigningKeys.jwks(keys)
    }

    /// Forgets the cached keys (after a rotation).
    func invalidate() { loadedAt = .distantPast }

    private func refreshIfStale() async throws {
        guard Date().timeIntervalSince(loadedAt) > keysRefresh || keys.isEmpty else { return }
        let signingKeys = signingKeys
        let loaded = try await client.transaction(logger: logger) { connection in
            try await signingKeys.current(on: connection, logger: logger)
        }
        let fresh = JWTKeyCollection()
        for key in loaded { await fresh.add(ecdsa: key.privateKey, kid: JWKIdentifier(string: key.kid)) }
        keys = loaded
        collection = fresh
        loadedAt = Date()
    }
}
