import Contracts
import Domain
import Hummingbird
import OnegateWeb

/// `GET /workspace/admin` (issue 16): the administrators' index, one short card per section
/// linking to it. The page holds no data, so this page's own check is the only one: a staff user
/// without the administrator role gets the 403 page; each section's service decides again.
struct AdminIndexPage {
    let resources: WebResources

    var endpoints: RouteCollection<GatewayContext> {
        RouteCollection(context: GatewayContext.self)
            .get("workspace/admin", use: index)
    }

    /// `GET /workspace/admin`.
    @Sendable func index(_ request: Request, context: GatewayContext) async throws -> Response {
        let access = try WorkspaceAccess.require(context)
        guard access.holds(.administrator) else {
            throw Problem(status: 403, title: "Forbidden", detail: "The administration is for administrators.")
        }
        let page = WebPage(request, context: context, resources: resources)
        let t = page.t
        let cards = AdminNavigation.available.filter { $0 != .index }.map { section -> [String: Any] in
            let stem = AdminNavigation.key(section)
            return ["href": AdminNavigation.path(section), "title": t["adm_nav_" + stem],
                    "text": t["adm_card_" + stem], "id": "admin-card-" + stem]
        }
        return try page.render("workspace-admin", title: t["adm_title"], [
            "cards": cards, "adminNav": AdminNavigation.links(.index, t: t),
        ])
    }
}
