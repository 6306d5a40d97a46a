import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO
import ServiceKit
import Storage

/// `catalog.calendar.get` (public) and `catalog.calendar.put` (administrators): the holiday
/// calendar of one year, replaced as a whole and announced with `catalog.calendar.changed`.
struct CalendarHandlers: Sendable {
    let runtime: ServiceRuntime

    func get(_ request: CalendarYearRequest, context: RPCContext) async throws -> CalendarYearView {
        let found = try await runtime.database.withConnection { connection in
            try await Self.load(year: request.year, on: connection, logger: context.logger)
        }
        guard let found else { throw Problem.notFound("No holiday calendar for \(request.year).") }
        return found
    }

    func put(_ request: CalendarYearRequest, context: RPCContext) async throws -> CalendarYearView {
        try Administrator.require(context.caller)
        try await runtime.database.withConnection { connection in
            try await Administrator.requireProvince(context.caller, on: connection, logger: context.logger)
        }
        let (view, _) = try CalendarRules.validate(year: request.year, body: request.body ?? .null)
        let logger = context.logger
        let stored = try await runtime.database.transaction(logger: logger) { connection -> CalendarYearView in
            let stored = try await Self.store(view, by: context.caller.userId ?? "-", on: connection, logger: logger)
            try await runtime.outbox.enqueue([
                try OutboxMessage.event(EventName.calendarChanged, source: .catalog, subject: String(request.year), sequence: nil, payload: stored,
                                        correlationID: context.requestId),
            ], on: connection, logger: logger)
            return stored
        }
        runtime.relay.wake()
        return stored
    }

    /// Upserts a validated year; returns it with its update time.
    static func store(_ view: CalendarYearView, by actor: String, on connection: PostgresConnection,
                      logger: Logger) async throws -> CalendarYearView {
        var body = view
        body.updatedAt = nil
        let json = String(decoding: try WireJSON.encode(body), as: UTF8.self)
        var stored = view
        for try await at in try await connection.query("""
            INSERT INTO catalog.calendar_years (year, calendar, updated_by) VALUES (\(view.year), \(json)::jsonb, \(actor))
            ON CONFLICT (year) DO UPDATE SET calendar = excluded.calendar, updated_by = excluded.updated_by, updated_at = now()
            RETURNING updated_at
            """, logger: logger).decode(Date.self) { stored.updatedAt = WireJSON.format(at) }
        return stored
    }

    static func load(year: Int, on connection: PostgresConnection, logger: Logger) async throws -> CalendarYearView? {
        for try await (json, at) in try await connection.query("""
            SELECT calendar::text, updated_at FROM catalog.calendar_years WHERE year = \(year)
            """, logger: logger).decode((String, Date).self) {
            var view = try WireJSON.decode(CalendarYearView.self, from: Data(json.utf8))
            view.updatedAt = WireJSON.format(at)
            return view
        }
        return nil
    }
}
