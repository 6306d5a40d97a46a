import Contracts
import Domain
import Foundation
import Logging
import Messaging
import PostgresNIO

/// A service's own copy of the published procedure versions, kept from the catalog's events
/// (`<schema>.procedure_versions`, created by the service's migrations). Versions are immutable:
/// a dossier is handled under the version it was submitted with.
public struct ProcedureCopies: Sendable {
    public let schema: String

    public init(schema: String) { self.schema = schema }

    /// Applies a `catalog.procedure.published` or `.retired` delivery.
    public func apply(_ delivery: Delivery, on connection: PostgresConnection, logger: Logger) async throws {
        if delivery.routingKey == EventName.procedureRetired.routingKey {
            let envelope = try EventSubscription.decode(ProcedureRetired.self, from: delivery)
            try await connection.query("""
                UPDATE \(unescaped: schema).procedure_versions SET retired_at = \(envelope.time)
                WHERE code = \(envelope.data.code) AND retired_at IS NULL
                """, logger: logger)
            return
        }
        let envelope = try EventSubscription.decode(ProcedureView.self, from: delivery)
        try await store(envelope.data, at: envelope.time, on: connection, logger: logger)
        logger.info("procedure copy stored", metadata: ["code": "\(envelope.data.procedure.code)", "version": "\(envelope.data.version ?? 0)"])
    }

    /// Loads the catalog's current versions over RPC. Call it once the service's event queue is
    /// bound (`afterSubscribed`), so nothing published meanwhile is missed; retries while the
    /// catalog is not answering yet. The service reports ready (`procedures`) once it succeeded.
    public func synchronise(runtime: ServiceRuntime) async {
        await runtime.loadSnapshot("procedures", from: .catalog, "procedures.current", as: [ProcedureView].self) { current, connection in
            for view in current { try await store(view, at: nil, on: connection, logger: runtime.logger) }
        }
    }

    private func store(_ view: ProcedureView, at time: Date?, on connection: PostgresConnection, logger: Logger) async throws {
        guard let version = view.version else { throw PermanentFailure("published procedure without a version") }
        let publishedAt = time ?? view.publishedAt.flatMap(WireJSON.parseDate) ?? Date()
        let definition = String(decoding: try WireJSON.encode(view.procedure), as: UTF8.self)
        try await connection.query("""
            INSERT INTO \(unescaped: schema).procedure_versions (code, version, definition, published_at)
            VALUES (\(view.procedure.code), \(version), \(definition)::jsonb, \(publishedAt))
            ON CONFLICT (code, version) DO NOTHING
            """, logger: logger)
    }

    /// A queue of the service receiving both procedure events.
    public func subscription(queue: String) -> EventSubscription {
        EventSubscription(queue: queue, routingKeys: [EventName.procedurePublished.routingKey, EventName.procedureRetired.routingKey]) { delivery, connection, logger in
            try await apply(delivery, on: connection, logger: logger)
        }
    }

    /// Version `version` of `code` as published (retired or not): a dossier is handled to the end
    /// under the version it was submitted with.
    public func version(code: String, version: Int, on connection: PostgresConnection, logger: Logger) async throws -> ProcedureDefinition? {
        for try await definition in try await connection.query("""
            SELECT definition::text FROM \(unescaped: schema).procedure_versions WHERE code = \(code) AND version = \(version)
            """, logger: logger).decode(String.self) {
            return try WireJSON.decode(ProcedureDefinition.self, from: Data(definition.utf8))
        }
        return nil
    }

    /// The newest published version of `code`, unless the procedure was retired.
    public func current(code: String, on connection: PostgresConnection, logger: Logger) async throws -> (version: Int, definition: ProcedureDefinition)? {
        for try await (version, definition) in try await connection.query("""
            SELECT version, definition::text FROM \(unescaped: schema).procedure_versions
            WHERE code = \(code) AND retired_at IS NULL ORDER BY version DESC LIMIT 1
            """, logger: logger).decode((Int, String).self) {
            return (version, try WireJSON.decode(ProcedureDefinition.self, from: Data(definition.utf8)))
        }
        return nil
    }
}
