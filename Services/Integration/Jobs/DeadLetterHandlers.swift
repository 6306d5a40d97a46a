import Contracts
import Domain
import Foundation
import ServiceKit

/// `integration.dead-letters` and `integration.dead-letters-replay`: the workspace's view of the
/// outbound jobs that used up their retries (as `integration dead-letters` / `replay` do on the
/// command line). Only the administrators of a root unit (`SubscriptionManagers`' rule, without
/// the partners); every replay is written to integration's audit chain with who, what and how many,
/// in the replay's transaction.
struct DeadLetterHandlers: Sendable {
    let runtime: ServiceRuntime
    let jobs: JobStore
    let audit: SubscriptionAudit
    let managers: SubscriptionManagers

    /// The largest replay one request may ask for.
    static let maximumLimit = 100_000

    func register(_ routes: inout RPCRoutes) {
        routes.on("dead-letters", Empty.self, handler: counts)
        routes.on("dead-letters-replay", DeadLetterReplay.self, handler: replay)
    }

    func counts(_ request: Empty, context: RPCContext) async throws -> DeadLetterCounts {
        _ = try await administrator(context)
        let counts = try await runtime.database.withConnection { connection in
            try await jobs.deadCounts(on: connection, logger: context.logger)
        }
        return DeadLetterCounts(items: counts.map { DeadLetterCounts.Count(kind: $0.0, count: $0.1) })
    }

    func replay(_ request: DeadLetterReplay, context: RPCContext) async throws -> DeadLetterReplayResult {
        let actor = try await administrator(context)
        var errors: [FieldError] = []
        let kind = JobKind(rawValue: request.kind)
        if kind == nil && request.kind != "all" {
            errors.append(FieldError(field: "kind", message: "must be all or one of "
                                     + JobKind.allCases.map(\.rawValue).joined(separator: ", ")))
        }
        if !(1...Self.maximumLimit).contains(request.limit) {
            errors.append(FieldError(field: "limit", message: "must be between 1 and \(Self.maximumLimit)"))
        }
        let dossier = request.dossier.flatMap { $0.isEmpty ? nil : $0 }
        if let dossier, dossier.count > 64 { errors.append(FieldError(field: "dossier", message: "must be a dossier code")) }
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        let replayed = try await runtime.database.transaction(logger: context.logger) { connection in
            let replayed = try await jobs.replayDead(kind: kind, subject: dossier, limit: request.limit, on: connection, logger: context.logger)
            try await audit.chain.append(actor: actor, action: "dead-letters.replay", subject: request.kind,
                                         detail: "dossier=\(dossier ?? "*"); limit=\(request.limit); replayed=\(replayed)",
                                         on: connection, logger: context.logger)
            return replayed
        }
        context.logger.notice("dead-lettered jobs replayed",
                              metadata: ["kind": "\(request.kind)", "replayed": "\(replayed)", "actor": "\(actor)"])
        return DeadLetterReplayResult(replayed: replayed)
    }

    /// The caller's user id when it administers a root unit; 401/403 otherwise.
    private func administrator(_ context: RPCContext) async throws -> String {
        let (user, administers) = try await managers.manager(context.caller)
        guard administers else {
            throw Problem(status: 403, title: "Forbidden", detail: "Only the province's administrators replay dead-lettered deliveries.")
        }
        return user
    }
}
