import Contracts
import Domain
import Foundation
import Logging
import ServiceKit

/// `integration.subscription-*`: partners manage their webhooks. Partners (and the province's
/// administrators, `SubscriptionManagers`) only; a partner sees and changes its own subscriptions,
/// and another's id is a 404. Every change is audited in the same transaction (`SubscriptionAudit`).
struct SubscriptionHandlers: Sendable {
    let runtime: ServiceRuntime
    let store: SubscriptionStore
    let deliveries: DeliveryLog
    let jobs: JobStore
    let rules: SubscriptionRules
    let audit: SubscriptionAudit
    let managers: SubscriptionManagers

    func register(_ routes: inout RPCRoutes) {
        routes.on("subscription-create", SubscriptionCreate.self, handler: create)
        routes.on("subscription-list", Empty.self, handler: list)
        routes.on("subscription-get", SubscriptionReference.self) { reference, context in
            try await load(reference.id, context).view()
        }
        routes.on("subscription-delete", SubscriptionReference.self, handler: delete)
        routes.on("subscription-enable", SubscriptionReference.self, handler: enable)
        routes.on("subscription-deliveries", DeliveryQuery.self, handler: deliveryPage)
        routes.on("subscription-replay", ReplayRequest.self, handler: replay)
    }

    func create(_ request: SubscriptionCreate, context: RPCContext) async throws -> SubscriptionView {
        let owner = try await managers.manager(context.caller).user
        let input = try await rules.parse(request.body)
        let record = SubscriptionRecord(id: UUID(), ownerId: owner, url: input.url, events: input.events, agency: input.agency,
                                        procedure: input.procedure, secret: WebhookSignature.newSecret(), status: "active",
                                        createdAt: Date(), disabledAt: nil, disabledReason: nil)
        try await runtime.database.transaction(logger: context.logger) { connection in
            try await store.insert(record, on: connection, logger: context.logger)
            try await audit.record("created", subscription: record, actor: owner, change: "status=active",
                                   on: connection, logger: context.logger)
        }
        context.logger.info("subscription created", metadata: ["subscription": "\(record.id)", "events": "\(input.events)"])
        return record.view(withSecret: true)
    }

    func list(_ request: Empty, context: RPCContext) async throws -> SubscriptionList {
        let (owner, administers) = try await managers.manager(context.caller)
        let scope = administers ? nil : owner
        let records = try await runtime.database.withConnection { connection in
            try await store.list(owner: scope, on: connection, logger: context.logger)
        }
        return SubscriptionList(items: records.map { $0.view() })
    }

    func delete(_ reference: SubscriptionReference, context: RPCContext) async throws -> Empty {
        let record = try await load(reference.id, context)
        try await runtime.database.transaction(logger: context.logger) { connection in
            try await store.setStatus(record.id, "deleted", on: connection, logger: context.logger)
            try await audit.record("deleted", subscription: record, actor: context.caller.userId ?? "-",
                                   change: "status=\(record.status) -> deleted", on: connection, logger: context.logger)
        }
        return Empty()
    }

    func enable(_ reference: SubscriptionReference, context: RPCContext) async throws -> SubscriptionView {
        let record = try await load(reference.id, context)
        try await runtime.database.transaction(logger: context.logger) { connection in
            try await store.setStatus(record.id, "active", on: connection, logger: context.logger)
            try await audit.record("enabled", subscription: record, actor: context.caller.userId ?? "-",
                                   change: "status=\(record.status) -> active", on: connection, logger: context.logger)
        }
        return try await load(reference.id, context).view()
    }

    func deliveryPage(_ query: DeliveryQuery, context: RPCContext) async throws -> DeliveryPage {
        var errors: [FieldError] = []
        if let status = query.status, !["pending", "delivered", "dead"].contains(status) {
            errors.append(FieldError(field: "status", message: "must be pending, delivered or dead"))
        }
        do {
            _ = try Paging.validated(page: query.page, pageSize: query.pageSize, pageSizes: 1...200)
        } catch let failure as ValidationFailure {
            errors += failure.errors
        }
        let record = try await load(query.id, context)
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        return try await runtime.database.withConnection { connection in
            try await deliveries.page(subscription: record.id, status: query.status, page: query.page, pageSize: query.pageSize,
                                      on: connection, logger: context.logger)
        }
    }

    func replay(_ request: ReplayRequest, context: RPCContext) async throws -> ReplayResult {
        let record = try await load(request.id, context)
        let range = try SubscriptionRules.range(request.body)
        guard record.status == "active" else {
            throw Problem.conflict("The subscription is disabled; enable it before replaying.")
        }
        let queued = try await runtime.database.withConnection { connection in
            try await deliveries.replay(record, from: range.from, to: range.to, jobs: jobs, on: connection, logger: context.logger)
        }
        context.logger.info("subscription replay queued", metadata: ["subscription": "\(record.id)", "queued": "\(queued)"])
        return ReplayResult(queued: queued)
    }

    /// The subscription, if the caller may see it (its owner, or the province's administrators); 404 otherwise.
    private func load(_ id: String, _ context: RPCContext) async throws -> SubscriptionRecord {
        let (owner, administers) = try await managers.manager(context.caller)
        guard let uuid = UUID(uuidString: id) else {
            throw ValidationFailure([FieldError(field: "id", message: "must be a subscription id (UUID)")])
        }
        let record = try await runtime.database.withConnection { connection in
            try await store.find(uuid, on: connection, logger: context.logger)
        }
        guard let record, record.ownerId == owner || administers else {
            throw Problem.notFound("No subscription \(id).")
        }
        return record
    }
}
