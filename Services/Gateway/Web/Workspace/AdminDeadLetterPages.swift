import Contracts
import Domain
import Foundation
import Hummingbird
import OnegateWeb

/// `/workspace/admin/dead-letters` (docs/web.md, "Webhooks and dead letters (administration)"):
/// integration's dead-lettered outbound jobs counted by kind (`integration.dead-letters`), each
/// kind with a replay button that leads to a confirmation page stating how many go back
/// (`integration.dead-letters-replay`, audited by integration), and the result "N replayed" after
/// the redirect. Integration answers root-unit administrators only; its 403 is the error page.
struct AdminDeadLetterPages {
    let backend: Backend
    let resources: WebResources

    static let root = "/workspace/admin/dead-letters"

    var endpoints: RouteCollection<GatewayContext> {
        RouteCollection(context: GatewayContext.self)
            .get("workspace/admin/dead-letters", use: list)
            .get("workspace/admin/dead-letters/jobs/{kind}", use: confirm)
            .post("workspace/admin/dead-letters/jobs/{kind}", use: replay)
    }

    /// `GET /workspace/admin/dead-letters`.
    @Sendable func list(_ request: Request, context: GatewayContext) async throws -> Response {
        _ = try WorkspaceAccess.require(context)
        let page = WebPage(request, context: context, resources: resources)
        let t = page.t
        let counts = try await backend.call(.integration, "dead-letters", Empty(), as: DeadLetterCounts.self,
                                            caller: context.caller, requestID: context.requestID)
        let rows = counts.items.map { item -> [String: Any] in
            ["kind": item.kind, "name": Self.kindName(item.kind, t: t), "count": "\(item.count)", "hasMessages": item.count > 0,
             "href": Self.root + "/jobs/" + PageChrome.encode(item.kind)]
        }
        let query = WebPage.query(request)
        let notice: String? = query["notice"] == "replayed"
            ? t.format("ops_dead_notice_replayed", ["count": "\(Int(query["count"] ?? "") ?? 0)"]) : nil
        return try page.render("workspace-admin-dead-letters", title: t["ops_dead_title"], notice: notice,
                               ["jobs": rows, "hasJobs": !rows.isEmpty, "adminNav": OperationsNavigation.links(.deadLetters, t: t)])
    }

    /// `GET /workspace/admin/dead-letters/jobs/{kind}`: what a replay of this kind does, and the button.
    @Sendable func confirm(_ request: Request, context: GatewayContext) async throws -> Response {
        _ = try WorkspaceAccess.require(context)
        let page = WebPage(request, context: context, resources: resources)
        let t = page.t
        let kind = context.parameters.get("kind") ?? ""
        let counts = try await backend.call(.integration, "dead-letters", Empty(), as: DeadLetterCounts.self,
                                            caller: context.caller, requestID: context.requestID)
        guard let item = counts.items.first(where: { $0.kind == kind }) else {
            throw Problem.notFound("No dead-lettered jobs of kind \(kind.prefix(64)).")
        }
        return try page.render("workspace-admin-dead-letters-replay", title: t["ops_dead_replay_title"], [
            "name": Self.kindName(kind, t: t), "count": "\(item.count)",
            "consequence": t.format("ops_dead_replay_consequence", ["count": "\(item.count)", "kind": Self.kindName(kind, t: t)]),
            "action": Self.root + "/jobs/" + PageChrome.encode(kind), "backHref": Self.root,
            "adminNav": OperationsNavigation.links(.deadLetters, t: t),
        ])
    }

    /// `POST /workspace/admin/dead-letters/jobs/{kind}`: replays them all, back to the list with the count.
    @Sendable func replay(_ request: Request, context: GatewayContext) async throws -> Response {
        _ = try WorkspaceAccess.require(context)
        let kind = context.parameters.get("kind") ?? ""
        let result = try await backend.call(.integration, "dead-letters-replay",
                                            DeadLetterReplay(kind: kind, dossier: nil, limit: 100_000), as: DeadLetterReplayResult.self,
                                            caller: context.caller, requestID: context.requestID)
        return WebPage.redirect(PageChrome.link(path: Self.root, query: [("notice", "replayed"), ("count", "\(result.replayed)")]))
    }

    /// A job kind in words (an unknown kind shows as is).
    static func kindName(_ kind: String, t: MessageCatalog) -> String {
        let known = ["portal", "webhook", "notify", "email", "sms", "payment-request", "confirm-payment"]
        return known.contains(kind) ? t["ops_kind_" + kind.replacingOccurrences(of: "-", with: "_")] : kind
    }
}

/// The links between the operations pages (webhooks, dead letters) and back to the admin index,
/// the current one marked (`aria-current`).
enum OperationsNavigation {
    enum Section { case webhooks, deadLetters }

    static func links(_ current: Section, t: MessageCatalog) -> [[String: Any]] {
        [(Section.webhooks, AdminWebhookPages.root, "ops_nav_webhooks"), (.deadLetters, AdminDeadLetterPages.root, "ops_nav_dead_letters")]
            .map { section, href, key -> [String: Any] in
                var link: [String: Any] = ["href": href, "text": t[key]]
                if section == current { link["current"] = true }
                return link
            }
    }
}
