import Contracts
import Domain
import Foundation
import OnegateWeb

/// What the administrators' user and org-unit pages share: the access check, the org units the
/// administrator manages (identity's `org-units.list`, already limited to their subtree), the
/// assignable roles and their names, and identity's refusals as the page's field errors.
struct AdminUserDirectory {
    let backend: Backend

    /// The roles an administrator can give (identity refuses `system`).
    static let roles: [Role] = Role.allCases.filter { $0 != .system }

    /// The units the signed-in administrator manages, in tree order, each with its depth.
    func units(_ context: GatewayContext) async throws -> [(unit: OrgUnitView, depth: Int)] {
        let units = try await backend.call(.identity, "org-units.list", Empty(), as: [OrgUnitView].self,
                                           caller: context.caller, requestID: context.requestID)
        return Self.tree(units)
    }

    /// Depth-first order: each unit after its parent, children by code; units whose parent is not
    /// in the list are roots.
    static func tree(_ units: [OrgUnitView]) -> [(unit: OrgUnitView, depth: Int)] {
        let codes = Set(units.map(\.code))
        let children = Dictionary(grouping: units) { unit in unit.parentCode.flatMap { codes.contains($0) ? $0 : nil } ?? "" }
        var ordered: [(unit: OrgUnitView, depth: Int)] = []
        func visit(_ parent: String, _ depth: Int) {
            for unit in (children[parent] ?? []).sorted(by: { $0.code < $1.code }) {
                ordered.append((unit, depth))
                visit(unit.code, depth + 1)
            }
        }
        visit("", 0)
        return ordered
    }

    /// `<option>` rows for a unit select, indented by depth, `selected` marked.
    static func unitOptions(_ units: [(unit: OrgUnitView, depth: Int)], selected: String) -> [[String: Any]] {
        units.map { entry in
            ["value": entry.unit.code, "text": String(repeating: "— ", count: entry.depth) + entry.unit.name + " (\(entry.unit.code))",
             "selected": entry.unit.code == selected]
        }
    }

    /// The role's name in the page's language.
    static func roleName(_ role: String, t: MessageCatalog) -> String {
        Role(rawValue: role) != nil ? t["ppl_role_" + role.replacingOccurrences(of: "-", with: "_")] : role
    }

    static func roleOptions(selected: String, t: MessageCatalog) -> [[String: Any]] {
        roles.map { ["value": $0.rawValue, "text": roleName($0.rawValue, t: t), "selected": $0.rawValue == selected] }
    }

    /// Only administrators see these pages; identity refuses the others' calls anyway.
    static func requireAdministrator(_ context: GatewayContext) throws {
        guard try WorkspaceAccess.require(context).holds(.administrator) else {
            throw Problem(status: 403, title: "Forbidden", detail: "Users and org units are managed by administrators.")
        }
    }

    /// Identity's field errors as page errors: each field it named (mapped to the form's field
    /// name) with the page's message for it, or `fallback` (field, key) when it named none.
    static func fieldErrors(_ problem: Problem, t: MessageCatalog, keys: [String: (field: String, key: String)],
                            fallback: (field: String, key: String)) -> AccountPagesController.Errors {
        var seen: Set<String> = []
        let errors: AccountPagesController.Errors = (problem.errors ?? []).compactMap { error in
            let name = error.field.hasPrefix("roles[") ? (error.field.hasSuffix("orgUnit") ? "roles.orgUnit" : "roles.role") : error.field
            guard let mapped = keys[name], seen.insert(mapped.field).inserted else { return nil }
            return (mapped.field, t[mapped.key])
        }
        return errors.isEmpty ? [(fallback.field, t[fallback.key])] : errors
    }
}
