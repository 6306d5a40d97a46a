import Contracts
import Domain

/// A user to create, validated from the request body with every problem named at once.
struct NewUser: Sendable {
    let username: String
    let displayName: String
    let kind: String
    let password: String
    let roles: [RoleAssignment]

    static let kinds: Set<String> = ["staff", "citizen", "partner"]
    static let assignableRoles = Set(Role.allCases.filter { $0 != .system }.map(\.rawValue))

    static func validate(_ body: JSONValue) throws -> NewUser {
        guard case .object(let object) = body else {
            throw ValidationFailure([FieldError(field: "", message: "the body must be a JSON object")])
        }
        var errors = object.keys.sorted().filter { !["username", "displayName", "kind", "password", "roles"].contains($0) }
            .map { FieldError(field: $0, message: "is not a known field") }
        func string(_ key: String) -> String? {
            switch object[key] {
            case .string(let value)?: return value
            case nil, .null?: errors.append(FieldError(field: key, message: "is required")); return nil
            case let other?: errors.append(FieldError(field: key, message: "must be a string, not \(other.typeName)")); return nil
            }
        }
        let username = string("username")?.lowercased()
        if let username, !isUsername(username) {
            errors.append(FieldError(field: "username", message: "must be 3 to 50 characters of a-z, 0-9, '.', '_' or '-'"))
        }
        let displayName = string("displayName")?.trimmingWhitespace
        if let displayName, displayName.isEmpty || displayName.count > 200 {
            errors.append(FieldError(field: "displayName", message: "must be 1 to 200 characters"))
        }
        let kind = string("kind")
        if let kind, !kinds.contains(kind) { errors.append(FieldError(field: "kind", message: "must be staff, citizen or partner")) }
        let password = string("password")
        if let password { errors += PasswordPolicy.problems(password: password, username: username ?? "") }
        var roles: [RoleAssignment] = []
        switch object["roles"] {
        case .array(let items)?:
            for (index, item) in items.enumerated() {
                guard case .object(let pair) = item, case .string(let role)? = pair["role"], case .string(let unit)? = pair["orgUnit"],
                      pair.count == 2 else {
                    errors.append(FieldError(field: "roles[\(index)]", message: "must be {\"role\": …, \"orgUnit\": …}"))
                    continue
                }
                if !assignableRoles.contains(role) {
                    errors.append(FieldError(field: "roles[\(index)].role", message: "must be one of \(assignableRoles.sorted().joined(separator: ", "))"))
                }
                roles.append(RoleAssignment(role: role, orgUnit: unit))
            }
            if items.isEmpty { errors.append(FieldError(field: "roles", message: "must hold at least one role")) }
        case nil, .null?: errors.append(FieldError(field: "roles", message: "is required"))
        case let other?: errors.append(FieldError(field: "roles", message: "must be an array, not \(other.typeName)"))
        }
        if let kind, kind != "partner" {
            for (index, role) in roles.enumerated() where role.role == Role.portalSubmitter.rawValue {
                errors.append(FieldError(field: "roles[\(index)].role", message: "portal-submitter is held only by partner accounts"))
            }
        }
        guard errors.isEmpty, let username, let displayName, let kind, let password else { throw ValidationFailure(errors) }
        return NewUser(username: username, displayName: displayName, kind: kind, password: password, roles: roles)
    }

    static func isUsername(_ text: String) -> Bool {
        (3...50).contains(text.count) && text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "_" || $0 == "-"
        }
    }
}
