import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO
import ServiceKit
import Storage

/// `catalog.procedures.search` and `.get` (public), `.draft`, `.create`, `.replace`, `.publish` and `.retire`
/// (administrators). Publishing turns the draft into the next immutable version and announces it
/// whole with `catalog.procedure.published`; retiring announces `catalog.procedure.retired`.
struct ProcedureHandlers: Sendable {
    let runtime: ServiceRuntime
    let store = ProcedureStore()

    func search(_ request: ProcedureSearch, context: RPCContext) async throws -> Page<ProcedureSummary> {
        var errors: [FieldError] = []
        if let level = request.level, !level.isEmpty, !ProcedureValidator.levels.contains(level) {
            errors.append(FieldError(field: "level", message: "must be ministry, province or commune"))
        }
        if let online = request.onlineLevel, !online.isEmpty, !["full", "partial", "none"].contains(online) {
            errors.append(FieldError(field: "onlineLevel", message: "must be full, partial or none"))
        }
        if (request.query ?? "").count > 200 { errors.append(FieldError(field: "q", message: "must be at most 200 characters")) }
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        let paging = try Paging.validated(page: request.page, pageSize: request.pageSize, pageSizes: 1...200)
        let (page, size) = (paging.page, paging.pageSize)
        return try await runtime.database.withConnection { connection in
            try await store.search(request, page: page, size: size, on: connection, logger: context.logger)
        }
    }

    func get(_ request: ProcedureReference, context: RPCContext) async throws -> ProcedureView {
        if let version = request.version, version < 1 {
            throw ValidationFailure([FieldError(field: "version", message: "must be a whole number from 1")])
        }
        let found = try await runtime.database.withConnection { connection in
            try await store.version(code: request.code, version: request.version, on: connection, logger: context.logger)
        }
        guard let found else {
            throw Problem.notFound(request.version.map { "Procedure \(request.code) has no published version \($0)." }
                                   ?? "No published procedure \(request.code).")
        }
        return found
    }

    /// The draft being edited, for the administrators who may edit it (the agencies it names are
    /// within their units, as for writes): 404 when there is none.
    func draft(_ request: ProcedureReference, context: RPCContext) async throws -> ProcedureView {
        try Administrator.require(context.caller)
        let draft = try await runtime.database.withConnection { connection in
            guard let draft = try await store.head(code: request.code, on: connection, logger: context.logger)?.draft else {
                throw Problem.notFound("Procedure \(request.code) has no draft.")
            }
            try await Administrator.requireAgencies(draft.agencies, of: context.caller, on: connection, logger: context.logger)
            return draft
        }
        return ProcedureView(status: "draft", version: nil, publishedAt: nil, procedure: draft)
    }

    func create(_ request: ProcedureDraft, context: RPCContext) async throws -> ProcedureView {
        try Administrator.require(context.caller)
        let draft = try ProcedureValidator.validate(request.body)
        let logger = context.logger
        try await runtime.database.transaction(logger: logger) { connection in
            try await Administrator.requireAgencies(draft.agencies, of: context.caller, on: connection, logger: logger)
            guard try await store.create(draft, on: connection, logger: logger) else {
                throw Problem.conflict("Procedure \(draft.code) exists; edit it with PUT /api/v1/procedures/\(draft.code).")
            }
        }
        return ProcedureView(status: "draft", version: nil, publishedAt: nil, procedure: draft)
    }

    func replace(_ request: ProcedureDraft, context: RPCContext) async throws -> ProcedureView {
        try Administrator.require(context.caller)
        let code = request.code ?? ""
        let draft = try ProcedureValidator.validate(request.body, pathCode: code)
        let logger = context.logger
        try await runtime.database.transaction(logger: logger) { connection in
            guard let head = try await store.head(code: code, forUpdate: true, on: connection, logger: logger) else {
                throw Problem.notFound("No procedure \(code).")
            }
            guard !head.retired else { throw Problem.conflict("Procedure \(code) is retired.") }
            let current = try await store.version(code: code, version: nil, on: connection, logger: logger)
            try await Administrator.requireAgencies(draft.agencies + (head.draft?.agencies ?? []) + (current?.procedure.agencies ?? []),
                                                    of: context.caller, on: connection, logger: logger)
            try await store.replaceDraft(draft, on: connection, logger: logger)
        }
        return ProcedureView(status: "draft", version: nil, publishedAt: nil, procedure: draft)
    }

    func publish(_ request: ProcedureReference, context: RPCContext) async throws -> ProcedureView {
        try Administrator.require(context.caller)
        let logger = context.logger
        let view = try await runtime.database.transaction(logger: logger) { connection -> ProcedureView in
            guard let head = try await store.head(code: request.code, forUpdate: true, on: connection, logger: logger) else {
                throw Problem.notFound("No procedure \(request.code).")
            }
            guard let draft = head.draft else {
                throw Problem.conflict("Procedure \(request.code) has no draft to publish; edit it first with PUT.")
            }
            try await Administrator.requireAgencies(draft.agencies, of: context.caller, on: connection, logger: logger)
            let version = head.latestVersion + 1
            let at = try await store.publish(draft, version: version, on: connection, logger: logger)
            let view = ProcedureView(status: "published", version: version, publishedAt: WireJSON.format(at), procedure: draft)
            try await runtime.outbox.enqueue([
                try OutboxMessage.event(EventName.procedurePublished, source: .catalog, subject: draft.code, sequence: Int64(version), payload: view,
                                        correlationID: context.requestId),
            ], on: connection, logger: logger)
            return view
        }
        runtime.relay.wake()
        logger.info("procedure published", metadata: ["code": "\(view.procedure.code)", "version": "\(view.version ?? 0)"])
        return view
    }

    func retire(_ request: ProcedureReference, context: RPCContext) async throws -> ProcedureView {
        try Administrator.require(context.caller)
        let logger = context.logger
        let view = try await runtime.database.transaction(logger: logger) { connection -> ProcedureView in
            guard let head = try await store.head(code: request.code, forUpdate: true, on: connection, logger: logger) else {
                throw Problem.notFound("No procedure \(request.code).")
            }
            guard !head.retired else { throw Problem.conflict("Procedure \(request.code) is already retired.") }
            guard head.latestVersion > 0 else { throw Problem.conflict("Procedure \(request.code) was never published.") }
            let current = try await store.version(code: request.code, version: nil, on: connection, logger: logger)
            try await Administrator.requireAgencies(current?.procedure.agencies ?? [], of: context.caller, on: connection, logger: logger)
            try await store.retire(code: request.code, on: connection, logger: logger)
            guard let view = try await store.version(code: request.code, version: nil, on: connection, logger: logger) else {
                throw Problem.notFound("No procedure \(request.code).")
            }
            try await runtime.outbox.enqueue([
                try OutboxMessage.event(EventName.procedureRetired, source: .catalog, subject: request.code, sequence: Int64(head.latestVersion) + 1,
                                        payload: ProcedureRetired(code: request.code, version: head.latestVersion),
                                        correlationID: context.requestId),
            ], on: connection, logger: logger)
            return view
        }
        runtime.relay.wake()
        return view
    }
}
