import Domain
import Foundation

/// `identity.token`: password login (development and tests; citizens use VNeID in production),
/// or a partner's client credentials (`clientId`/`clientSecret`, partner accounts only).
public struct Credentials: Codable, Sendable {
    public var username: String
    public var password: String
    /// True for the client-credentials grant: only partner accounts may use it.
    public var clientCredentials: Bool?
    /// The client's address as the gateway determined it (docs/configuration.md, trusted proxies):
    /// identity's lockout counts failures per (user name, address).
    public var clientAddress: String?

    public init(username: String, password: String, clientCredentials: Bool? = nil, clientAddress: String? = nil) {
        self.username = username
        self.password = password
        self.clientCredentials = clientCredentials
        self.clientAddress = clientAddress
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

/// A user as administrators see it (never the password hash).
public struct UserView: Codable, Sendable, Hashable {
    public var id: String
    public var username: String
    public var displayName: String
    public var kind: String
    public var disabled: Bool
    public var roles: [RoleAssignment]

    public init(id: String, username: String, displayName: String, kind: String, disabled: Bool, roles: [RoleAssignment]) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.kind = kind
        self.disabled = disabled
        self.roles = roles
    }
}

/// `identity.users.create`: the raw JSON body, validated by identity.
public struct CreateUser: Codable, Sendable {
    public var body: JSONValue
    public init(body: JSONValue) { self.body = body }
}

/// `identity.users.disable`.
public struct UserReference: Codable, Sendable {
    public var id: String
    public init(id: String) { self.id = id }
}

/// Paging of list requests (API.md: `page`/`pageSize`, `items` plus paging info).
public struct PageRequest: Codable, Sendable {
    public var page: Int
    public var pageSize: Int
    public var query: String?

    public init(page: Int, pageSize: Int, query: String? = nil) {
        self.page = page
        self.pageSize = pageSize
        self.query = query
    }
}

public struct Page<Item: Codable & Sendable & Hashable>: Codable, Sendable, Hashable {
    public var items: [Item]
    public var page: Int
    public var pageSize: Int
    public var total: Int

    public init(items: [Item], page: Int, pageSize: Int, total: Int) {
        self.items = items
        self.page = page
        self.pageSize = pageSize
        self.total = total
    }
}

/// An org unit of the tree (province → agency/department → division).
public struct OrgUnitView: Codable, Sendable, Hashable {
    public var code: String
    public var name: String
    public var kind: String
    public var parentCode: String?
    public var agencyCode: String?

    public init(code: String, name: String, kind: String, parentCode: String?, agencyCode: String?) {
        self.code = code
        self.name = name
        self.kind = kind
        self.parentCode = parentCode
        self.agencyCode = agencyCode
    }
}
