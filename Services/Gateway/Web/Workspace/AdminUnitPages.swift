import Contracts
import Domain
import Foundation
import Hummingbird
import OnegateWeb

/// `GET /workspace/admin/units`: the org units the administrator manages as an indented tree,
/// with a form to create a unit under one of them (`POST /workspace/admin/units/new`, identity's
/// `org-units.create`, which refuses a parent outside the administration and a taken code).
struct AdminUnitPages {
    let backend: Backend
    let resources: WebResources

    static let root = "/workspace/admin/units"
    static let kinds = ["agency", "department", "division"]

    var endpoints: RouteCollection<GatewayContext> {
        RouteCollection(context: GatewayContext.self)
            .get("workspace/admin/units", use: show)
            .post("workspace/admin/units/new", use: create)
    }

    @Sendable func show(_ request: Request, context: GatewayContext) async throws -> Response {
        try AdminUserDirectory.requireAdministrator(context)
        let page = WebPage(request, context: context, resources: resources)
        let notice = WebPage.query(request)["notice"] == "created" ? page.t["ppl_notice_unit_created"] : nil
        return try await render(page, context: context, values: FormBody(encoded: "kind=division"), errors: [], notice: notice)
    }

    /// `POST /workspace/admin/units/new` (`parentCode`, `code`, `name`, `kind`).
    @Sendable func create(_ request: Request, context: GatewayContext) async throws -> Response {
        try AdminUserDirectory.requireAdministrator(context)
        let page = WebPage(request, context: context, resources: resources)
        let t = page.t
        let form = try await AccountPagesController.form(request)
        let parent = form["parentCode"] ?? "", code = (form["code"] ?? "").trimmingCharacters(in: .whitespaces).uppercased()
        let name = (form["name"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines), kind = form["kind"] ?? ""
        var errors: AccountPagesController.Errors = []
        if parent.isEmpty { errors.append(("parentCode", t["ppl_error_parent"])) }
        if code.isEmpty { errors.append(("code", t["ppl_error_code"])) }
        if name.isEmpty { errors.append(("name", t["ppl_error_unit_name"])) }
        if errors.isEmpty {
            do {
                let unit = try await backend.call(.identity, "org-units.create", CreateOrgUnit(code: code, name: name, kind: kind, parentCode: parent),
                                                  as: OrgUnitView.self, caller: context.caller, requestID: context.requestID)
                return WebPage.redirect(PageChrome.link(path: Self.root, query: [("notice", "created"), ("unit", unit.code)]) + "#unit-" + unit.code)
            } catch let problem as Problem where problem.status == 400 {
                let taken = (problem.errors ?? []).contains { $0.field == "code" && $0.message.contains("taken") }
                errors = AdminUserDirectory.fieldErrors(problem, t: t, keys: [
                    "code": ("code", taken ? "ppl_error_code_taken" : "ppl_error_code"), "name": ("name", "ppl_error_unit_name"),
                    "kind": ("kind", "ppl_error_kind"), "parentCode": ("parentCode", "ppl_error_parent"),
                ], fallback: ("code", "ppl_error_code"))
            }
        }
        return try await render(page, context: context, values: form, errors: errors, notice: nil, status: .badRequest)
    }

    private func render(_ page: WebPage, context: GatewayContext, values: FormBody, errors: AccountPagesController.Errors,
                        notice: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let t = page.t
        let units = try await AdminUserDirectory(backend: backend).units(context)
        var view = AccountPagesController.errorView(errors)
        view["adminNav"] = AdminNavigation.links(.units, t: t)
        view["units"] = units.map { entry -> [String: Any] in
            ["code": entry.unit.code, "name": entry.unit.name, "kindText": t["ppl_unit_kind_" + entry.unit.kind],
             "depth": min(entry.depth, 6), "usersHref": PageChrome.link(path: AdminUserPages.root, query: [("unit", entry.unit.code)])]
        }
        view["parentOptions"] = AdminUserDirectory.unitOptions(units, selected: values["parentCode"] ?? "")
        view["kindOptions"] = Self.kinds.map { ["value": $0, "text": t["ppl_unit_kind_" + $0], "selected": $0 == (values["kind"] ?? "")] }
        view["code"] = values["code"] ?? ""
        view["name"] = values["name"] ?? ""
        view["action"] = Self.root + "/new"
        return try page.render("workspace-admin-units", title: t["ppl_units_title"], status: status, notice: notice, view)
    }
}
