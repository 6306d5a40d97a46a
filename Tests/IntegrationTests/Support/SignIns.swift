import Foundation
import Testing

/// Bearer headers for test users. A user signs in again when its token is close to expiring, so
/// tests on a cluster with short tokens (`ServiceCluster.shortAccessTokens`) do not race the
/// expiry across slow steps (Argon2 in debug builds, a loaded CI machine).
actor SignIns {
    static let demoPassword = "Onegate@2026"
    let cluster: ServiceCluster
    private var tokens: [String: (token: String, at: ContinuousClock.Instant)] = [:]

    init(_ cluster: ServiceCluster) { self.cluster = cluster }

    /// `Authorization` for `username`; nil (anonymous) gives no header.
    func headers(_ username: String?, password: String = SignIns.demoPassword) async throws -> [String: String] {
        guard let username else { return [:] }
        if let cached = tokens[username], ContinuousClock.now - cached.at < .seconds(cluster.accessTokenSeconds - 1.5) {
            return ["Authorization": "Bearer \(cached.token)"]
        }
        let startedAt = ContinuousClock.now
        let login = try await HTTP.postJSON(cluster.url("/api/v1/auth/token"), #"{"username": "\#(username)", "password": "\#(password)"}"#)
        let token = try #require(login.json?["accessToken"] as? String, "login of \(username): \(login.status)")
        tokens[username] = (token, startedAt)
        return ["Authorization": "Bearer \(token)"]
    }
}
