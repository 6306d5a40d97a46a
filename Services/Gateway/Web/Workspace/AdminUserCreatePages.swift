import Contracts
import Domain
import Foundation
import Hummingbird
import OnegateWeb

/// `GET/POST /workspace/admin/users/new`: a staff user created by identity's `users.create` as the
/// signed-in administrator (username, full name, one org unit and the roles held in it, an initial
/// password or a generated one). Identity validates everything and refuses units outside the
/// administration; its field errors are named next to the fields. The created page is the POST's
/// answer (not a redirect) because a generated password is shown there once and nowhere else.
struct AdminUserCreatePages {
    let backend: Backend
    let resources: WebResources

    var endpoints: RouteCollection<GatewayContext> {
        RouteCollection(context: GatewayContext.self)
            .get("workspace/admin/users/new", use: form)
            .post("workspace/admin/users/new", use: create)
    }

    @Sendable func form(_ request: Request, context: GatewayContext) async throws -> Response {
        try AdminUserDirectory.requireAdministrator(context)
        let page = WebPage(request, context: context, resources: resources)
        return try await render(page, context: context, values: FormBody(encoded: ""), errors: [])
    }

    @Sendable func create(_ request: Request, context: GatewayContext) async throws -> Response {
        try AdminUserDirectory.requireAdministrator(context)
        let page = WebPage(request, context: context, resources: resources)
        let t = page.t
        let form = try await AccountPagesController.form(request)
        let username = (form["username"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let name = (form["displayName"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let unit = form["orgUnit"] ?? ""
        let roles = AdminUserDirectory.roles.map(\.rawValue).filter { form["role-" + $0] == "on" }
        let typed = form["password"] ?? ""
        var errors: AccountPagesController.Errors = []
        if username.isEmpty { errors.append(("username", t["ppl_error_username"])) }
        if name.isEmpty { errors.append(("displayName", t["ppl_error_name"])) }
        if unit.isEmpty { errors.append(("orgUnit", t["ppl_error_unit"])) }
        if roles.isEmpty { errors.append(("roles", t["ppl_error_roles"])) }
        guard errors.isEmpty else { return try await render(page, context: context, values: form, errors: errors, status: .badRequest) }
        let password = typed.isEmpty ? Self.generatedPassword() : typed
        let body: JSONValue = .object([
            "username": .string(username), "displayName": .string(name), "kind": .string("staff"), "password": .string(password),
            "roles": .array(roles.map { .object(["role": .string($0), "orgUnit": .string(unit)]) }),
        ])
        let user: UserView
        do {
            user = try await backend.call(.identity, "users.create", CreateUser(body: body), as: UserView.self,
                                          caller: context.caller, requestID: context.requestID)
        } catch let problem as Problem where [400, 409].contains(problem.status) {
            let shown = problem.status == 409 ? [("username", t["ppl_error_username_taken"])]
                : AdminUserDirectory.fieldErrors(problem, t: t, keys: [
                    "username": ("username", "ppl_error_username"), "displayName": ("displayName", "ppl_error_name"),
                    "password": ("password", "ppl_error_password"), "roles.orgUnit": ("orgUnit", "ppl_error_unit"),
                    "roles.role": ("roles", "ppl_error_roles"), "roles": ("roles", "ppl_error_roles"),
                ], fallback: ("username", "ppl_error_refused"))
            return try await render(page, context: context, values: form, errors: shown, status: .badRequest)
        }
        var response = try page.render("workspace-admin-users-created", title: t["ppl_created_title"], notice: t["ppl_created_notice"], [
            "adminNav": AdminNavigation.links(.users, t: t), "username": user.username, "name": user.displayName,
            "userHref": AdminUserPages.root + "/" + user.id, "newHref": AdminUserPages.root + "/new",
            "generated": typed.isEmpty ? password : "",
        ])
        response.headers[.cacheControl] = "no-store"
        return response
    }

    private func render(_ page: WebPage, context: GatewayContext, values: FormBody, errors: AccountPagesController.Errors,
                        status: HTTPResponse.Status = .ok) async throws -> Response {
        let t = page.t
        let units = try await AdminUserDirectory(backend: backend).units(context)
        var view = AccountPagesController.errorView(errors)
        view["adminNav"] = AdminNavigation.links(.users, t: t)
        view["action"] = AdminUserPages.root + "/new"
        view["username"] = values["username"] ?? ""
        view["displayName"] = values["displayName"] ?? ""
        view["unitOptions"] = AdminUserDirectory.unitOptions(units, selected: values["orgUnit"] ?? "")
        view["roleChoices"] = AdminUserDirectory.roles.map { role -> [String: Any] in
            ["value": role.rawValue, "id": "role-" + role.rawValue, "text": AdminUserDirectory.roleName(role.rawValue, t: t),
             "checked": values["role-" + role.rawValue] == "on"]
        }
        return try page.render("workspace-admin-users-new", title: t["ppl_new_title"], status: status, view)
    }

    /// 14 characters from letters and digits without look-alikes, with at least one of each.
    static func generatedPassword() -> String {
        let letters = Array("abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ"), digits = Array("23456789")
        var generator = SystemRandomNumberGenerator()
        var characters = (0..<12).map { _ in (letters + digits).randomElement(using: &generator)! }
        characters += [letters.randomElement(using: &generator)!, digits.randomElement(using: &generator)!]
        return String(characters.shuffled(using: &generator))
    }
}
