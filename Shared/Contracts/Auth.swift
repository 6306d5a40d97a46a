import Foundation

/// `identity.token`: password login (development and tests; citizens use VNeID in production).
public struct Credentials: Codable, Sendable {
    public var username: String
    public var password: String

    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }
}

/// API.md: `{accessToken, tokenType: "Bearer", expiresIn, refreshToken}`.
public struct TokenGrant: Codable, Sendable, Hashable {
    public var accessToken: String
    public var tokenType: String
    /// Seconds until the access token expires.
    public var expiresIn: Int
    public var refreshToken: String

    public init(accessToken: String, expiresIn: Int, refreshToken: String) {
        self.accessToken = accessToken
        self.tokenType = "Bearer"
        self.expiresIn = expiresIn
        self.refreshToken = refreshToken
    }
}

/// `identity.refresh` and `identity.logout`.
public struct RefreshRequest: Codable, Sendable {
    public var refreshToken: String
    public init(refreshToken: String) { self.refreshToken = refreshToken }
}

/// `identity.session-active`: whether a session (the family of refresh tokens behind an access
/// token) is still valid, so a logout or a disabled user stops access tokens too.
public struct SessionQuery: Codable, Sendable {
    public var sessionId: String
    public init(sessionId: String) { self.sessionId = sessionId }
}

public struct SessionState: Codable, Sendable {
    public var active: Bool
    public init(active: Bool) { self.active = active }
}

/// A role held in an org unit.
public struct RoleAssignment: Codable, Sendable, Hashable {
    public var role: String
    public var orgUnit: String

    public init(role: String, orgUnit: String) {
        self.role = role
        self.orgUnit = orgUnit
    }
}

/// `GET /api/v1/me`.
public struct Me: Codable, Sendable, Hashable {
    public var id: String
    public var username: String
    public var displayName: String
    public var kind: String
    public var roles: [RoleAssignment]

    public init(id: String, username: String, displayName: String, kind: String, roles: [RoleAssignment]) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.kind = kind
        self.roles = roles
    }
}
