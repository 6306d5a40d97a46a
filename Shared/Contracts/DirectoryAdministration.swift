/// `identity.users.search`: a page of the administrator's users, narrowed by name/username,
/// org unit (the unit and below), role and status (`active`, `disabled`, `locked`).
public struct UserSearch: Codable, Sendable {
    public var page: Int
    public var pageSize: Int
    public var query: String?
    public var orgUnit: String?
    public var role: String?
    public var status: String?

    public init(page: Int, pageSize: Int, query: String? = nil, orgUnit: String? = nil, role: String? = nil, status: String? = nil) {
        self.page = page
        self.pageSize = pageSize
        self.query = query
        self.orgUnit = orgUnit
        self.role = role
        self.status = status
    }
}

/// A user as the administrators' pages show it: `UserView` plus whether sign-in is locked after
/// repeated failures right now.
public struct DirectoryUser: Codable, Sendable, Hashable {
    public var id: String
    public var username: String
    public var displayName: String
    public var kind: String
    public var disabled: Bool
    public var locked: Bool
    public var roles: [RoleAssignment]

    public init(id: String, username: String, displayName: String, kind: String, disabled: Bool, locked: Bool, roles: [RoleAssignment]) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.kind = kind
        self.disabled = disabled
        self.locked = locked
        self.roles = roles
    }
}

/// `identity.users.assign-role` / `.revoke-role`: one role of a user in one org unit.
public struct RoleChange: Codable, Sendable {
    public var userId: String
    public var role: String
    public var orgUnit: String

    public init(userId: String, role: String, orgUnit: String) {
        self.userId = userId
        self.role = role
        self.orgUnit = orgUnit
    }
}

/// `identity.org-units.create`: a unit under `parentCode` (which the administrator must manage).
public struct CreateOrgUnit: Codable, Sendable {
    public var code: String
    public var name: String
    public var kind: String
    public var parentCode: String

    public init(code: String, name: String, kind: String, parentCode: String) {
        self.code = code
        self.name = name
        self.kind = kind
        self.parentCode = parentCode
    }
}
