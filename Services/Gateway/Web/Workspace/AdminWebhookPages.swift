import Contracts
import Domain
import Foundation
import Hummingbird
import OnegateWeb

/// The administrators' view of the partners' webhook subscriptions (docs/web.md, "Webhooks and
/// dead letters (administration)"): `/workspace/admin/webhooks` lists them with their status,
/// partner, events and target; a subscription's page shows its delivery log (status filter, 20 a
/// page) with the buttons to enable it again and to replay its events of a period (on a page of
/// its own that states the consequence). Every call goes to integration as the signed-in user:
/// integration lets only partners (their own) and root-unit administrators (all) in, and its
/// 403/404 becomes the error page.
struct AdminWebhookPages {
    let backend: Backend
    let resources: WebResources

    static let root = "/workspace/admin/webhooks"
    static let pageSize = 20
    static let statuses = ["pending", "delivered", "dead"]

    var endpoints: RouteCollection<GatewayContext> {
        RouteCollection(context: GatewayContext.self)
            .get("workspace/admin/webhooks", use: list)
            .get("workspace/admin/webhooks/{id}", use: show)
            .post("workspace/admin/webhooks/{id}/enable", use: enable)
            .get("workspace/admin/webhooks/{id}/replay", use: replayForm)
            .post("workspace/admin/webhooks/{id}/replay", use: replay)
    }

    /// `GET /workspace/admin/webhooks`: every subscription integration lets the user see.
    @Sendable func list(_ request: Request, context: GatewayContext) async throws -> Response {
        _ = try WorkspaceAccess.require(context)
        let page = WebPage(request, context: context, resources: resources)
        let t = page.t
        let subscriptions = try await backend.call(.integration, "subscription-list", Empty(), as: SubscriptionList.self,
                                                   caller: context.caller, requestID: context.requestID)
        let rows = subscriptions.items.sorted { $0.createdAt > $1.createdAt }.map { Self.row($0, t: t) }
        return try page.render("workspace-admin-webhooks", title: t["ops_webhooks_title"],
                               ["subscriptions": rows, "hasSubscriptions": !rows.isEmpty, "adminNav": OperationsNavigation.links(.webhooks, t: t)])
    }

    /// `GET /workspace/admin/webhooks/{id}?status=&page=`: the subscription and its delivery log.
    @Sendable func show(_ request: Request, context: GatewayContext) async throws -> Response {
        _ = try WorkspaceAccess.require(context)
        let id = try Self.id(context)
        let page = WebPage(request, context: context, resources: resources)
        let t = page.t
        let query = WebPage.query(request)
        let status = query["status"].flatMap { Self.statuses.contains($0) ? $0 : nil }
        let number = max(1, Int(query["page"] ?? "") ?? 1)
        let subscription = try await backend.call(.integration, "subscription-get", SubscriptionReference(id: id), as: SubscriptionView.self,
                                                  caller: context.caller, requestID: context.requestID)
        let log = try await backend.call(.integration, "subscription-deliveries",
                                         DeliveryQuery(id: id, status: status, page: number, pageSize: Self.pageSize),
                                         as: DeliveryPage.self, caller: context.caller, requestID: context.requestID)
        var view = Self.row(subscription, t: t)
        view["adminNav"] = OperationsNavigation.links(.webhooks, t: t)
        view["deliveries"] = log.items.map { Self.delivery($0, t: t) }
        view["hasDeliveries"] = !log.items.isEmpty
        view["total"] = t.format("ops_deliveries_total", ["count": "\(log.total)"])
        view["statusOptions"] = ([("", "ops_filter_all")] + Self.statuses.map { ($0, "ops_delivery_\($0)") }).map { value, key -> [String: Any] in
            ["value": value, "text": t[key], "selected": value == (status ?? "")]
        }
        let pages = max(1, (log.total + Self.pageSize - 1) / Self.pageSize)
        let here = Self.root + "/" + id
        let link = { (target: Int) in
            PageChrome.link(path: here, query: (status.map { [("status", $0)] } ?? []) + [("page", "\(target)")])
        }
        if number > 1 { view["previousHref"] = link(number - 1) }
        if number < pages { view["nextHref"] = link(number + 1) }
        view["pageText"] = t.format("ops_page_of", ["page": "\(min(number, pages))", "pages": "\(pages)"])
        view["enableAction"] = here + "/enable"
        view["replayHref"] = here + "/replay"
        let notice: String? = switch query["notice"] {
        case "enabled": t["ops_notice_enabled"]
        case "replayed": t.format("ops_notice_replayed", ["count": "\(Int(query["count"] ?? "") ?? 0)"])
        default: nil
        }
        return try page.render("workspace-admin-webhooks-detail", title: t["ops_webhook_title"], notice: notice, view)
    }

    /// `POST /workspace/admin/webhooks/{id}/enable`: active again (integration audits it).
    @Sendable func enable(_ request: Request, context: GatewayContext) async throws -> Response {
        _ = try WorkspaceAccess.require(context)
        let id = try Self.id(context)
        _ = try await backend.call(.integration, "subscription-enable", SubscriptionReference(id: id), as: SubscriptionView.self,
                                   caller: context.caller, requestID: context.requestID)
        return WebPage.redirect(PageChrome.link(path: Self.root + "/" + id, query: [("notice", "enabled")]))
    }

    /// `GET /workspace/admin/webhooks/{id}/replay`: the confirmation, with the period to send again
    /// (from the subscription's creation to today).
    @Sendable func replayForm(_ request: Request, context: GatewayContext) async throws -> Response {
        _ = try WorkspaceAccess.require(context)
        let id = try Self.id(context)
        let page = WebPage(request, context: context, resources: resources)
        let subscription = try await backend.call(.integration, "subscription-get", SubscriptionReference(id: id), as: SubscriptionView.self,
                                                  caller: context.caller, requestID: context.requestID)
        return try renderReplay(page, subscription, from: String(WireJSON.format(subscription.createdAt).prefix(10)),
                                to: String(WireJSON.format(Date()).prefix(10)), errors: [])
    }

    /// `POST /workspace/admin/webhooks/{id}/replay` (`from`, `to`: dates, both days included).
    @Sendable func replay(_ request: Request, context: GatewayContext) async throws -> Response {
        _ = try WorkspaceAccess.require(context)
        let id = try Self.id(context)
        let page = WebPage(request, context: context, resources: resources)
        let t = page.t
        let form = try await AccountPagesController.form(request)
        let fromText = (form["from"] ?? "").trimmingCharacters(in: .whitespaces)
        let toText = (form["to"] ?? "").trimmingCharacters(in: .whitespaces)
        var errors: AccountPagesController.Errors = []
        let from = LocalDate(iso: fromText), to = LocalDate(iso: toText)
        if from == nil { errors.append(("from", t["ops_replay_error_from"])) }
        if to == nil { errors.append(("to", t["ops_replay_error_to"])) }
        if let from, let to, to < from { errors.append(("to", t["ops_replay_error_order"])) }
        let subscription = try await backend.call(.integration, "subscription-get", SubscriptionReference(id: id), as: SubscriptionView.self,
                                                  caller: context.caller, requestID: context.requestID)
        guard errors.isEmpty, let from, let to else {
            return try renderReplay(page, subscription, from: fromText, to: toText, errors: errors, status: .badRequest)
        }
        let body = JSONValue.object([
            "from": .string(WireJSON.format(Moment.startOfVietnamDay(from).date)),
            "to": .string(WireJSON.format(Moment.startOfVietnamDay(to.adding(days: 1)).date)),
        ])
        do {
            let result = try await backend.call(.integration, "subscription-replay", ReplayRequest(id: id, body: body), as: ReplayResult.self,
                                                caller: context.caller, requestID: context.requestID)
            return WebPage.redirect(PageChrome.link(path: Self.root + "/" + id, query: [("notice", "replayed"), ("count", "\(result.queued)")]))
        } catch let problem as Problem where [400, 409].contains(problem.status) {
            let message = problem.status == 409 ? t["ops_replay_error_disabled"]
                : t.format("ops_replay_error_refused", ["reason": problem.detail ?? problem.title])
            return try renderReplay(page, subscription, from: fromText, to: toText, errors: [("from", message)],
                                    status: HTTPResponse.Status(code: problem.status))
        }
    }

    private func renderReplay(_ page: WebPage, _ subscription: SubscriptionView, from: String, to: String,
                              errors: AccountPagesController.Errors, status: HTTPResponse.Status = .ok) throws -> Response {
        let t = page.t
        var view = Self.row(subscription, t: t).merging(AccountPagesController.errorView(errors)) { _, error in error }
        view["adminNav"] = OperationsNavigation.links(.webhooks, t: t)
        view["from"] = from
        view["to"] = to
        view["action"] = Self.root + "/" + subscription.id.uuidString.lowercased() + "/replay"
        return try page.render("workspace-admin-webhooks-replay", title: t["ops_replay_title"], status: status, view)
    }

    /// A subscription as the list and its pages show it.
    static func row(_ subscription: SubscriptionView, t: MessageCatalog) -> [String: Any] {
        let id = subscription.id.uuidString.lowercased()
        let active = subscription.status == "active"
        var row: [String: Any] = [
            "id": id, "href": root + "/" + id, "url": subscription.url, "owner": subscription.owner ?? "–",
            "events": subscription.events.joined(separator: ", "), "active": active,
            "statusText": active ? t["ops_status_active"] : t["ops_status_disabled"],
            "createdAt": VietnamTime.dateTime(subscription.createdAt),
            "agency": subscription.filter.agency ?? t["ops_filter_any"], "procedure": subscription.filter.procedure ?? t["ops_filter_any"],
        ]
        if let disabledAt = subscription.disabledAt { row["disabledAt"] = VietnamTime.dateTime(disabledAt) }
        if let reason = subscription.disabledReason { row["disabledReason"] = reason }
        return row
    }

    /// One line of the delivery log.
    static func delivery(_ delivery: DeliveryView, t: MessageCatalog) -> [String: Any] {
        var row: [String: Any] = [
            "eventType": delivery.eventType, "subject": delivery.subject ?? "–", "status": delivery.status,
            "statusText": t["ops_delivery_\(delivery.status)"], "attempts": "\(delivery.attempts)",
            "time": VietnamTime.dateTime(delivery.deliveredAt ?? delivery.lastAttemptAt ?? delivery.createdAt),
            "replay": delivery.replay, "dead": delivery.status == "dead",
        ]
        let response = [delivery.lastStatus.map { "HTTP \($0)" }, delivery.lastError].compactMap { $0 }.joined(separator: " — ")
        row["response"] = response.isEmpty ? "–" : response
        if let next = delivery.nextAttemptAt, delivery.status == "pending" { row["nextAttempt"] = VietnamTime.dateTime(next) }
        return row
    }

    /// The `{id}` of the path: a subscription id, else 404.
    static func id(_ context: GatewayContext) throws -> String {
        let id = context.parameters.get("id") ?? ""
        guard let uuid = UUID(uuidString: id) else { throw Problem.notFound("No subscription \(id.prefix(64)).") }
        return uuid.uuidString.lowercased()
    }
}
