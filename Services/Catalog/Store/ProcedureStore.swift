import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO

/// `catalog.procedures` (code, draft, latest version, retirement) and `catalog.procedure_versions`
/// (immutable published versions with their folded search text).
struct ProcedureStore: Sendable {
    /// The row of a procedure code.
    struct Head: Sendable {
        let draft: ProcedureDefinition?
        let latestVersion: Int
        let retired: Bool
    }

    func head(code: String, forUpdate: Bool = false, on connection: PostgresConnection, logger: Logger) async throws -> Head? {
        let rows = forUpdate
            ? try await connection.query("""
                SELECT draft::text, latest_version, retired_at IS NOT NULL FROM catalog.procedures WHERE code = \(code) FOR UPDATE
                """, logger: logger)
            : try await connection.query("""
                SELECT draft::text, latest_version, retired_at IS NOT NULL FROM catalog.procedures WHERE code = \(code)
                """, logger: logger)
        for try await (draft, version, retired) in rows.decode((String?, Int, Bool).self) {
            return Head(draft: try draft.map(Self.definition), latestVersion: version, retired: retired)
        }
        return nil
    }

    /// Inserts a new code with its first draft; false when the code exists.
    func create(_ draft: ProcedureDefinition, on connection: PostgresConnection, logger: Logger) async throws -> Bool {
        let json = try Self.json(draft)
        var inserted = false
        for try await _ in try await connection.query("""
            INSERT INTO catalog.procedures (code, draft, draft_updated_at) VALUES (\(draft.code), \(json)::jsonb, now())
            ON CONFLICT (code) DO NOTHING RETURNING code
            """, logger: logger) { inserted = true }
        return inserted
    }

    func replaceDraft(_ draft: ProcedureDefinition, on connection: PostgresConnection, logger: Logger) async throws {
        let json = try Self.json(draft)
        try await connection.query("""
            UPDATE catalog.procedures SET draft = \(json)::jsonb, draft_updated_at = now() WHERE code = \(draft.code)
            """, logger: logger)
    }

    /// Stores `definition` as `version`, clears the draft; returns the publication time.
    func publish(_ definition: ProcedureDefinition, version: Int, on connection: PostgresConnection, logger: Logger) async throws -> Date {
        let json = try Self.json(definition)
        let search = SearchText.fold([definition.name, definition.code, definition.sectorCode].joined(separator: " "))
        var published = Date()
        for try await at in try await connection.query("""
            INSERT INTO catalog.procedure_versions (code, version, definition, name, sector_code, level, agencies, search_text)
            VALUES (\(definition.code), \(version), \(json)::jsonb, \(definition.name), \(definition.sectorCode), \(definition.level),
                    \(definition.agencies), \(search))
            RETURNING published_at
            """, logger: logger).decode(Date.self) { published = at }
        try await connection.query("""
            UPDATE catalog.procedures SET draft = NULL, draft_updated_at = NULL, latest_version = \(version), retired_at = NULL
            WHERE code = \(definition.code)
            """, logger: logger)
        return published
    }

    func retire(code: String, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("UPDATE catalog.procedures SET retired_at = now() WHERE code = \(code)", logger: logger)
    }

    /// A published version (the latest when `version` is nil), with whether the procedure is retired.
    func version(code: String, version: Int?, on connection: PostgresConnection, logger: Logger) async throws -> ProcedureView? {
        let wanted = version ?? 0
        for try await (definition, number, publishedAt, retired) in try await connection.query("""
            SELECT v.definition::text, v.version, v.published_at, p.retired_at IS NOT NULL
            FROM catalog.procedure_versions v JOIN catalog.procedures p ON p.code = v.code
            WHERE v.code = \(code) AND v.version = CASE WHEN \(wanted) = 0 THEN p.latest_version ELSE \(wanted) END
            """, logger: logger).decode((String, Int, Date, Bool).self) {
            return ProcedureView(status: retired ? "retired" : "published", version: number, publishedAt: WireJSON.format(publishedAt),
                                 procedure: try Self.definition(definition))
        }
        return nil
    }

    /// The latest published version of every procedure not retired (the snapshot late consumers
    /// load before relying on events).
    func allCurrent(on connection: PostgresConnection, logger: Logger) async throws -> [ProcedureView] {
        var views: [ProcedureView] = []
        for try await (definition, number, publishedAt) in try await connection.query("""
            SELECT v.definition::text, v.version, v.published_at
            FROM catalog.procedure_versions v JOIN catalog.procedures p ON p.code = v.code AND v.version = p.latest_version
            WHERE p.retired_at IS NULL ORDER BY v.code
            """, logger: logger).decode((String, Int, Date).self) {
            views.append(ProcedureView(status: "published", version: number, publishedAt: WireJSON.format(publishedAt),
                                       procedure: try Self.definition(definition)))
        }
        return views
    }

    /// Published procedures not retired, latest version each, filtered; ordered by name.
    func search(_ request: ProcedureSearch, page: Int, size: Int, on connection: PostgresConnection,
                logger: Logger) async throws -> Page<ProcedureSummary> {
        let pattern = SearchText.containsPattern(request.query ?? "")
        let sector = request.sector ?? ""
        let agency = request.agency ?? ""
        let level = request.level ?? ""
        let online = request.onlineLevel ?? ""
        var total = 0
        for try await count in try await connection.query("""
            SELECT count(*)::int FROM catalog.procedure_versions v
            JOIN catalog.procedures p ON p.code = v.code AND v.version = p.latest_version AND p.retired_at IS NULL
            WHERE v.search_text LIKE \(pattern) AND (\(sector) = '' OR v.sector_code = \(sector))
              AND (\(agency) = '' OR \(agency) = ANY (v.agencies)) AND (\(level) = '' OR v.level = \(level))
              AND (\(online) = '' OR v.definition->>'onlineServiceLevel' = \(online))
            """, logger: logger).decode(Int.self) { total = count }
        var items: [ProcedureSummary] = []
        for try await (definition, version) in try await connection.query("""
            SELECT v.definition::text, v.version FROM catalog.procedure_versions v
            JOIN catalog.procedures p ON p.code = v.code AND v.version = p.latest_version AND p.retired_at IS NULL
            WHERE v.search_text LIKE \(pattern) AND (\(sector) = '' OR v.sector_code = \(sector))
              AND (\(agency) = '' OR \(agency) = ANY (v.agencies)) AND (\(level) = '' OR v.level = \(level))
              AND (\(online) = '' OR v.definition->>'onlineServiceLevel' = \(online))
            ORDER BY v.name, v.code LIMIT \(size) OFFSET \((page - 1) * size)
            """, logger: logger).decode((String, Int).self) {
            let procedure = try Self.definition(definition)
            items.append(ProcedureSummary(code: procedure.code, version: version, name: procedure.name, sectorCode: procedure.sectorCode,
                                          level: procedure.level, agencies: procedure.agencies, processingTime: procedure.processingTime,
                                          onlineServiceLevel: procedure.onlineServiceLevel))
        }
        return Page(items: items, page: page, pageSize: size, total: total)
    }

    static func json(_ definition: ProcedureDefinition) throws -> String {
        String(decoding: try WireJSON.encode(definition), as: UTF8.self)
    }

    static func definition(_ text: String) throws -> ProcedureDefinition {
        try WireJSON.decode(ProcedureDefinition.self, from: Data(text.utf8))
    }
}
