import Contracts
import Domain
import Foundation
import Hummingbird
import OnegateWeb

/// Who may open the officers' workspace (`/workspace/…`, docs/web.md "Workspace"): a signed-in
/// staff user, i.e. one holding at least one of `staffRoles` (in the verified session token).
///
/// This is only a first filter, so a citizen gets a 403 page instead of a half-empty one: what a
/// staff user may see or do on a dossier stays processing's (and reporting's, identity's)
/// decision, and a page shows the service's 403/409 answer.
///
/// Use, in a workspace page's handler (w2, w3 and the queue pages):
/// ```swift
/// let staff = try WorkspaceAccess.require(context)   // 401 / 403 Problem otherwise
/// if staff.holds(.agencyLeader) { … }
/// ```
/// `WorkspaceAccess.Guard`, installed once in `WebPortal` behind the session middleware, already
/// sends an anonymous visitor of any `/workspace` path to `/sign-in?next=…` (and back after
/// signing in) and refuses a citizen or partner with the 403 error page, before any handler runs;
/// `require` repeats the check where a handler needs the roles.
struct WorkspaceAccess: Sendable {
    /// The roles that open the workspace (`Role` raw values).
    static let staffRoles = WorkspaceNavigation.staffRoles

    /// The path prefix the guard covers.
    static let prefix = "/workspace"

    /// The signed-in staff user's roles (each role once, whatever the units).
    let roles: Set<Role>
    /// The verified caller, to pass on to the RPCs.
    let caller: Caller

    /// True when the user holds `role` in some unit.
    func holds(_ role: Role) -> Bool { roles.contains(role) }

    /// True when the user holds any of `wanted`.
    func holdsAny(_ wanted: [Role]) -> Bool { wanted.contains(where: roles.contains) }

    /// The caller as a workspace user; throws 401 when not signed in and 403 when the caller holds
    /// no staff role (a citizen, a partner). The thrown `Problem` becomes the error page.
    static func require(_ context: GatewayContext) throws -> WorkspaceAccess {
        let caller = context.caller
        guard caller.isAuthenticated else { throw Problem.authenticationRequired }
        guard let access = staff(caller) else {
            throw Problem(status: 403, title: "Forbidden", detail: "The workspace is for officers.")
        }
        return access
    }

    /// True when one of the role names opens the workspace (the sign-in's choice of first page,
    /// made from the claims identity just issued).
    static func isStaff(roles: [String]) -> Bool {
        roles.contains { name in Role(rawValue: name).map(staffRoles.contains) ?? false }
    }

    /// The caller's staff roles, nil when it holds none.
    static func staff(_ caller: Caller) -> WorkspaceAccess? {
        let roles = Set(caller.assignments.compactMap { Role(rawValue: $0.role) }).intersection(staffRoles)
        guard caller.isAuthenticated, !roles.isEmpty else { return nil }
        return WorkspaceAccess(roles: roles, caller: caller)
    }

    /// Guards every `/workspace` path: anonymous → 303 to `/sign-in?next=<this page>`; not staff →
    /// the 403 page (thrown, rendered by `WebErrorPageMiddleware`). Must run after
    /// `WebSessionMiddleware`, which settles the session's caller.
    struct Guard: RouterMiddleware {
        typealias Context = GatewayContext

        func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
            let path = request.uri.path
            guard path == WorkspaceAccess.prefix || path.hasPrefix(WorkspaceAccess.prefix + "/") else {
                return try await next(request, context)
            }
            if !context.caller.isAuthenticated {
                // A POST's body is gone after signing in: come back to the page, not the action.
                let back = request.method == .get
                    ? PageChrome.link(path: path, query: WebPage.query(request).fields.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
                    : WorkspaceAccess.prefix + "/"
                return WebPage.redirect(PageChrome.link(path: "/sign-in", query: [("next", back)]))
            }
            _ = try WorkspaceAccess.require(context)
            return try await next(request, context)
        }
    }
}
