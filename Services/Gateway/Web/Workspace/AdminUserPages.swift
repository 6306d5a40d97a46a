import Contracts
import Domain
import Foundation
import Hummingbird
import OnegateWeb

/// The administrators' users (docs/web.md, "Users and org units (administration)"): the list with
/// search and filters, one user's page (roles with revoke buttons, an add-role form, disable and
/// enable with a confirmation, unlock after failed sign-ins). Every change is identity's (`users.assign-role`, `.revoke-role`,
/// `.disable`, `.enable`) as the signed-in user: identity decides whether the user and the unit are
/// inside the administrator's units; the page only shows what it answers.
struct AdminUserPages {
    let backend: Backend
    let resources: WebResources

    static let root = "/workspace/admin/users"
    static let pageSize = 20
    static let statuses = ["active", "disabled", "locked"]

    var directory: AdminUserDirectory { AdminUserDirectory(backend: backend) }

    var endpoints: RouteCollection<GatewayContext> {
        RouteCollection(context: GatewayContext.self)
            .get("workspace/admin/users", use: list)
            .get("workspace/admin/users/{id}", use: show)
            .post("workspace/admin/users/{id}/roles/add", use: addRole)
            .post("workspace/admin/users/{id}/roles/revoke", use: revokeRole)
            .post("workspace/admin/users/{id}/disable", use: disable)
            .post("workspace/admin/users/{id}/enable", use: enable)
            .post("workspace/admin/users/{id}/unlock", use: unlock)
    }

    /// `GET /workspace/admin/users?q=&unit=&role=&status=&page=`.
    @Sendable func list(_ request: Request, context: GatewayContext) async throws -> Response {
        try AdminUserDirectory.requireAdministrator(context)
        let page = WebPage(request, context: context, resources: resources)
        let t = page.t
        let query = WebPage.query(request)
        let text = (query["q"] ?? "").trimmingCharacters(in: .whitespaces)
        let unit = query["unit"] ?? ""
        let role = AdminUserDirectory.roles.map(\.rawValue).contains(query["role"] ?? "") ? query["role"]! : ""
        let status = Self.statuses.contains(query["status"] ?? "") ? query["status"]! : ""
        let number = max(1, Int(query["page"] ?? "") ?? 1)
        let units = try await directory.units(context)
        let found = try await backend.call(.identity, "users.search",
                                           UserSearch(page: number, pageSize: Self.pageSize, query: text.isEmpty ? nil : text,
                                                      orgUnit: unit.isEmpty ? nil : unit, role: role.isEmpty ? nil : role,
                                                      status: status.isEmpty ? nil : status),
                                           as: Page<DirectoryUser>.self, caller: context.caller, requestID: context.requestID)
        let names = Dictionary(units.map { ($0.unit.code, $0.unit.name) }) { first, _ in first }
        var view: [String: Any] = [
            "adminNav": AdminNavigation.links(.users, t: t), "q": text, "newHref": Self.root + "/new",
            "unitOptions": AdminUserDirectory.unitOptions(units, selected: unit),
            "roleOptions": AdminUserDirectory.roleOptions(selected: role, t: t),
            "statusOptions": Self.statuses.map { ["value": $0, "text": t["ppl_status_" + $0], "selected": $0 == status] },
            "count": t.format("ppl_users_count", ["count": "\(found.total)"]),
            "hasUsers": !found.items.isEmpty,
            "users": found.items.map { user -> [String: Any] in
                ["username": user.username, "name": user.displayName, "href": Self.root + "/" + user.id,
                 "roles": user.roles.map { ["text": AdminUserDirectory.roleName($0.role, t: t), "unit": names[$0.orgUnit] ?? $0.orgUnit] },
                 "status": Self.status(user, t: t)]
            },
        ]
        let pages = max(1, (found.total + Self.pageSize - 1) / Self.pageSize)
        if pages > 1 {
            func link(_ target: Int) -> String {
                PageChrome.link(path: Self.root, query: [("q", text), ("unit", unit), ("role", role), ("status", status), ("page", "\(target)")]
                    .filter { !$0.1.isEmpty })
            }
            var pagination: [String: Any] = ["label": t.format("results_page", ["page": "\(min(number, pages))", "pages": "\(pages)"])]
            if number > 1 { pagination["previous"] = link(min(number - 1, pages)) }
            if number < pages { pagination["next"] = link(number + 1) }
            view["pagination"] = pagination
        }
        return try page.render("workspace-admin-users", title: t["ppl_users_title"], notice: Self.notice(query["notice"], t: t), view)
    }

    /// `GET /workspace/admin/users/{id}`: identity answers 404 for a user outside the administration.
    @Sendable func show(_ request: Request, context: GatewayContext) async throws -> Response {
        try AdminUserDirectory.requireAdministrator(context)
        let page = WebPage(request, context: context, resources: resources)
        let notice = Self.notice(WebPage.query(request)["notice"], t: page.t)
        return try await render(page, id: context.parameters.get("id") ?? "", context: context, errors: [], notice: notice)
    }

    /// `POST …/{id}/roles/add` (`role`, `orgUnit`).
    @Sendable func addRole(_ request: Request, context: GatewayContext) async throws -> Response {
        try await change(request, context: context, op: "users.assign-role", notice: "role-added",
                         keys: ["role": ("role", "ppl_error_role"), "orgUnit": ("orgUnit", "ppl_error_unit")],
                         refused: ("role", "ppl_error_role_held"))
    }

    /// `POST …/{id}/roles/revoke` (`role`, `orgUnit`).
    @Sendable func revokeRole(_ request: Request, context: GatewayContext) async throws -> Response {
        try await change(request, context: context, op: "users.revoke-role", notice: "role-revoked", keys: [:],
                         refused: ("revoke", "ppl_error_revoke_refused"))
    }

    /// `POST …/{id}/disable` (`confirm` must be ticked): the user's sessions end.
    @Sendable func disable(_ request: Request, context: GatewayContext) async throws -> Response {
        try await toggle(request, context: context, op: "users.disable", notice: "disabled")
    }

    /// `POST …/{id}/enable` (`confirm` must be ticked).
    @Sendable func enable(_ request: Request, context: GatewayContext) async throws -> Response {
        try await toggle(request, context: context, op: "users.enable", notice: "enabled")
    }

    /// `POST …/{id}/unlock`: the lockout after repeated failed sign-ins lifted (no confirmation: it
    /// only gives back what the user had).
    @Sendable func unlock(_ request: Request, context: GatewayContext) async throws -> Response {
        try AdminUserDirectory.requireAdministrator(context)
        let id = context.parameters.get("id") ?? ""
        do {
            _ = try await backend.call(.identity, "users.unlock", UserReference(id: id), as: UserView.self, caller: context.caller,
                                       requestID: context.requestID)
        } catch let problem as Problem where problem.status == 409 {}  // unlocked meanwhile: the page shows the status
        return WebPage.redirect(PageChrome.link(path: Self.root + "/" + id, query: [("notice", "unlocked")]))
    }

    private func change(_ request: Request, context: GatewayContext, op: String, notice: String,
                        keys: [String: (field: String, key: String)], refused: (field: String, key: String)) async throws -> Response {
        try AdminUserDirectory.requireAdministrator(context)
        let page = WebPage(request, context: context, resources: resources)
        let id = context.parameters.get("id") ?? ""
        let form = try await AccountPagesController.form(request)
        let role = form["role"] ?? "", unit = form["orgUnit"] ?? ""
        var errors: AccountPagesController.Errors = []
        if role.isEmpty { errors.append(("role", page.t["ppl_error_role"])) }
        if unit.isEmpty { errors.append(("orgUnit", page.t["ppl_error_unit"])) }
        if errors.isEmpty {
            do {
                _ = try await backend.call(.identity, op, RoleChange(userId: id, role: role, orgUnit: unit), as: UserView.self,
                                           caller: context.caller, requestID: context.requestID)
                return WebPage.redirect(PageChrome.link(path: Self.root + "/" + id, query: [("notice", notice)]))
            } catch let problem as Problem where [400, 409].contains(problem.status) {
                errors = problem.status == 400 ? AdminUserDirectory.fieldErrors(problem, t: page.t, keys: keys, fallback: refused)
                    : [(refused.field, page.t[refused.key])]
            }
        }
        return try await render(page, id: id, context: context, errors: errors, notice: nil, role: role, unit: unit, status: .badRequest)
    }

    private func toggle(_ request: Request, context: GatewayContext, op: String, notice: String) async throws -> Response {
        try AdminUserDirectory.requireAdministrator(context)
        let page = WebPage(request, context: context, resources: resources)
        let id = context.parameters.get("id") ?? ""
        let form = try await AccountPagesController.form(request)
        guard form["confirm"] == "yes" else {
            return try await render(page, id: id, context: context, errors: [("confirm", page.t["ppl_error_confirm"])], notice: nil,
                                    status: .badRequest)
        }
        do {
            _ = try await backend.call(.identity, op, UserReference(id: id), as: UserView.self, caller: context.caller, requestID: context.requestID)
        } catch let problem as Problem where problem.status == 409 {
            return try await render(page, id: id, context: context, errors: [("confirm", page.t["ppl_error_status_refused"])], notice: nil,
                                    status: .conflict)
        }
        return WebPage.redirect(PageChrome.link(path: Self.root + "/" + id, query: [("notice", notice)]))
    }

    private func render(_ page: WebPage, id: String, context: GatewayContext, errors: AccountPagesController.Errors, notice: String?,
                        role: String = "", unit: String = "", status: HTTPResponse.Status = .ok) async throws -> Response {
        let t = page.t
        let user = try await backend.call(.identity, "users.get", UserReference(id: id), as: DirectoryUser.self,
                                          caller: context.caller, requestID: context.requestID)
        let units = try await directory.units(context)
        let names = Dictionary(units.map { ($0.unit.code, $0.unit.name) }) { first, _ in first }
        var view = AccountPagesController.errorView(errors)
        view["adminNav"] = AdminNavigation.links(.users, t: t)
        view["listHref"] = Self.root
        view["username"] = user.username
        view["name"] = user.displayName
        view["kindText"] = t["ppl_kind_" + user.kind]
        view["status"] = Self.status(user, t: t)
        view["disabled"] = user.disabled
        view["locked"] = user.locked
        view["unlockAction"] = Self.root + "/" + id + "/unlock"
        view["roles"] = user.roles.map { held -> [String: Any] in
            ["role": held.role, "orgUnit": held.orgUnit, "roleText": AdminUserDirectory.roleName(held.role, t: t),
             "unitText": names[held.orgUnit].map { "\($0) (\(held.orgUnit))" } ?? held.orgUnit]
        }
        view["canRevoke"] = user.roles.count > 1
        view["roleOptions"] = AdminUserDirectory.roleOptions(selected: role, t: t)
        view["unitOptions"] = AdminUserDirectory.unitOptions(units, selected: unit)
        view["addAction"] = Self.root + "/" + id + "/roles/add"
        view["revokeAction"] = Self.root + "/" + id + "/roles/revoke"
        view["statusAction"] = Self.root + "/" + id + (user.disabled ? "/enable" : "/disable")
        return try page.render("workspace-admin-users-detail", title: t.format("ppl_user_title", ["name": user.displayName]),
                               status: status, notice: notice, view)
    }

    /// The status tag: disabled, locked (repeated failed sign-ins) or active.
    static func status(_ user: DirectoryUser, t: MessageCatalog) -> [String: Any] {
        let key = user.disabled ? "disabled" : user.locked ? "locked" : "active"
        return ["key": key, "text": t["ppl_status_" + key], "active": key == "active"]
    }

    static func notice(_ key: String?, t: MessageCatalog) -> String? {
        guard let key, ["role-added", "role-revoked", "disabled", "enabled", "created", "unlocked"].contains(key) else { return nil }
        return t["ppl_notice_" + key.replacingOccurrences(of: "-", with: "_")]
    }
}
