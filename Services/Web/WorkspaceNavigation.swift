import Domain
import Foundation

/// The workspace's own navigation (issue 16), shown by the layout on every `/workspace` path for a
/// signed-in user: only the links the user's roles open. Showing a link decides nothing — each
/// page checks again, and the services decide what may be done.
public enum WorkspaceNavigation {
    /// The roles that open the workspace (the gateway's `WorkspaceAccess` lets only these in).
    public static let staffRoles: [Role] = [.oneStopOfficer, .specialist, .departmentHead, .agencyLeader, .supervisor, .administrator]

    struct Link {
        let path: String
        let key: String
        let id: String
        /// Roles that see the link; empty: every staff role.
        let roles: Set<String>
    }

    static let links: [Link] = [
        Link(path: "/workspace/", key: "ws_nav_work", id: "ws-nav-work", roles: []),
        Link(path: "/workspace/intake", key: "ws_nav_intake", id: "ws-nav-intake", roles: ["one-stop-officer"]),
        Link(path: "/workspace/reports", key: "ws_nav_reports", id: "ws-nav-reports", roles: ["agency-leader", "supervisor", "administrator"]),
        Link(path: "/workspace/admin", key: "ws_nav_admin", id: "ws-nav-admin", roles: ["administrator"]),
    ]

    /// True for `/workspace` and every path below it.
    public static func covers(_ path: String) -> Bool { path == "/workspace" || path.hasPrefix("/workspace/") }

    /// The layout's `workspace` value: the label and the links with the current one marked; nil
    /// outside the workspace.
    static func view(path: String, roles: [String], catalog: MessageCatalog) -> [String: Any]? {
        let held = Set(roles)
        // A citizen shown the workspace's 403 page gets the portal's chrome only.
        guard covers(path), staffRoles.contains(where: { held.contains($0.rawValue) }) else { return nil }
        let shown = links.filter { $0.roles.isEmpty || !$0.roles.isDisjoint(with: held) }
        let current = shown.last { path.hasPrefix($0.path) || path + "/" == $0.path }?.path ?? "/workspace/"
        let items: [[String: Any]] = shown.map { link in
            var item: [String: Any] = ["href": link.path, "text": catalog[link.key], "id": link.id]
            if link.path == current { item["current"] = true }
            return item
        }
        return ["label": catalog["ws_nav_label"], "links": items]
    }
}
