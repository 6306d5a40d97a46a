import Contracts
import Foundation

/// Renews a page session with its refresh token (identity rotates the token and treats a second
/// use of the old one as theft). Requests that arrive together with the same expired session —
/// a page and its live poll, two tabs — share one renewal instead of racing into reuse.
actor SessionRenewer {
    let backend: Backend
    private var inFlight: [String: Task<TokenGrant, any Error>] = [:]
    private var recent: [String: (grant: TokenGrant, at: Date)] = [:]
    /// How long a renewal's result is handed to late requests carrying the old refresh token
    /// (short: within it, the old token is worth the new session without identity's reuse check).
    static let sharedFor: TimeInterval = 10

    init(backend: Backend) { self.backend = backend }

    func renew(_ refreshToken: String, requestID: String) async throws -> TokenGrant {
        let now = Date()
        recent = recent.filter { now.timeIntervalSince($0.value.at) < Self.sharedFor }
        if let done = recent[refreshToken] { return done.grant }
        if let running = inFlight[refreshToken] { return try await running.value }
        let backend = self.backend
        let task = Task {
            try await backend.call(.identity, "refresh", RefreshRequest(refreshToken: refreshToken), as: TokenGrant.self,
                                   requestID: requestID)
        }
        inFlight[refreshToken] = task
        defer { inFlight[refreshToken] = nil }
        let grant = try await task.value
        recent[refreshToken] = (grant, Date())
        return grant
    }
}
