import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO

/// The `catalog.shared_catalog_entries` table: every shared catalog's entries, keyed by catalog and code.
struct SharedCatalogStore: Sendable {
    /// Rows written per statement.
    static let batchSize = 1_000

    /// Inserts new codes and updates changed ones; returns how many were created, updated and left unchanged.
    func upsert(_ entries: [SharedCatalogEntry], into catalog: SharedCatalog,
                on connection: PostgresConnection, logger: Logger) async throws -> SharedCatalogImportResult {
        var created = 0
        var updated = 0
        var start = 0
        while start < entries.count {
            let batch = entries[start..<min(start + Self.batchSize, entries.count)]
            start += Self.batchSize
            let codes = batch.map(\.code)
            let names = batch.map(\.name)
            let attributes = try batch.map { String(decoding: try JSONEncoder.sorted.encode($0.attributes), as: UTF8.self) }
            let search = batch.map(SharedCatalogSearch.searchText(of:))
            for try await inserted in try await connection.query("""
                INSERT INTO catalog.shared_catalog_entries AS e (catalog, code, name, attributes, search_text)
                SELECT \(catalog.rawValue), t.code, t.name, t.attributes::jsonb, t.search
                FROM unnest(\(codes)::text[], \(names)::text[], \(attributes)::text[], \(search)::text[]) AS t(code, name, attributes, search)
                ON CONFLICT (catalog, code) DO UPDATE
                    SET name = EXCLUDED.name, attributes = EXCLUDED.attributes, search_text = EXCLUDED.search_text, updated_at = now()
                    WHERE e.name IS DISTINCT FROM EXCLUDED.name OR e.attributes IS DISTINCT FROM EXCLUDED.attributes
                RETURNING (xmax = 0)
                """, logger: logger).decode(Bool.self) {
                if inserted { created += 1 } else { updated += 1 }
            }
        }
        return SharedCatalogImportResult(name: catalog.rawValue, created: created, updated: updated,
                                         unchanged: entries.count - created - updated)
    }

    /// The stored entries of `catalog` among `codes`, by code.
    func entries(of catalog: SharedCatalog, codes: Set<String>,
                 on connection: PostgresConnection, logger: Logger) async throws -> [String: SharedCatalogEntry] {
        var found: [String: SharedCatalogEntry] = [:]
        for try await (code, name, attributes) in try await connection.query("""
            SELECT code, name, attributes::text FROM catalog.shared_catalog_entries
            WHERE catalog = \(catalog.rawValue) AND code = ANY(\(Array(codes)))
            """, logger: logger).decode((String, String, String).self) {
            found[code] = try Self.entry(code: code, name: name, attributes: attributes)
        }
        return found
    }

    /// One page of `catalog` in code order, filtered by a folded `LIKE` pattern, and the total.
    func page(of catalog: SharedCatalog, matching pattern: String, page: Int, size: Int,
              on connection: PostgresConnection, logger: Logger) async throws -> (items: [SharedCatalogEntry], total: Int) {
        var total = 0
        for try await count in try await connection.query("""
            SELECT count(*)::int FROM catalog.shared_catalog_entries WHERE catalog = \(catalog.rawValue) AND search_text LIKE \(pattern)
            """, logger: logger).decode(Int.self) { total = count }
        var items: [SharedCatalogEntry] = []
        for try await (code, name, attributes) in try await connection.query("""
            SELECT code, name, attributes::text FROM catalog.shared_catalog_entries
            WHERE catalog = \(catalog.rawValue) AND search_text LIKE \(pattern)
            ORDER BY code LIMIT \(size) OFFSET \((page - 1) * size)
            """, logger: logger).decode((String, String, String).self) {
            items.append(try Self.entry(code: code, name: name, attributes: attributes))
        }
        return (items, total)
    }

    static func entry(code: String, name: String, attributes: String) throws -> SharedCatalogEntry {
        SharedCatalogEntry(code: code, name: name, attributes: try JSONDecoder().decode([String: String].self, from: Data(attributes.utf8)))
    }
}

extension JSONEncoder {
    /// Keys sorted, so equal attributes are written alike.
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return encoder
    }
}
