import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO

/// `documents.dossier_documents`: the documents each dossier was submitted with (`DossierLinkRule`).
struct DossierLinkStore: Sendable {
    let schema: String

    /// The document's owner and the dossier a write placed it in, its row locked so that two
    /// hand-overs naming it are decided one after the other; nil when no such document is stored.
    func lockDocument(_ id: UUID, on connection: PostgresConnection, logger: Logger) async throws -> (ownerId: String?, dossierCode: String?)? {
        let rows = try await connection.query("""
            SELECT owner_id, dossier_code FROM \(unescaped: schema).documents WHERE id = \(id) FOR UPDATE
            """, logger: logger)
        for try await (owner, dossier) in rows.decode((String?, String?).self) { return (owner, dossier) }
        return nil
    }

    /// The dossiers the document is linked to.
    func links(of id: UUID, on connection: PostgresConnection, logger: Logger) async throws -> [DossierLinkRule.ExistingLink] {
        var links: [DossierLinkRule.ExistingLink] = []
        for try await (dossier, exclusive) in try await connection.query("""
            SELECT dossier_code, exclusive FROM \(unescaped: schema).dossier_documents WHERE document_id = \(id)
            """, logger: logger).decode((String, Bool).self) {
            links.append(.init(dossierCode: dossier, exclusive: exclusive))
        }
        return links
    }

    /// Records the link (once: a repeated hand-over changes nothing) and keeps the document at
    /// least as long as the components handed in with a dossier (`submission` retention).
    /// True when the link is new.
    func link(_ id: UUID, dossierCode: String, componentCode: String, agencyCode: String, exclusive: Bool,
              on connection: PostgresConnection, logger: Logger) async throws -> Bool {
        let rows = try await connection.query("""
            INSERT INTO \(unescaped: schema).dossier_documents (dossier_code, document_id, component_code, agency_code, exclusive)
            VALUES (\(dossierCode), \(id), \(componentCode), \(agencyCode), \(exclusive))
            ON CONFLICT DO NOTHING RETURNING 1
            """, logger: logger)
        var inserted = false
        for try await _ in rows { inserted = true }
        guard inserted else { return false }
        try await connection.query("""
            UPDATE \(unescaped: schema).documents d
            SET retain_until = greatest(d.retain_until, now() + make_interval(days => p.retention_days))
            FROM \(unescaped: schema).retention_policies p
            WHERE d.id = \(id) AND p.document_type = 'submission' AND d.retain_until IS NOT NULL AND p.retention_days IS NOT NULL
            """, logger: logger)
        return true
    }

    /// The agencies of the dossiers the document is linked to.
    func agencies(of id: UUID, on connection: PostgresConnection, logger: Logger) async throws -> Set<String> {
        var agencies = Set<String>()
        for try await agency in try await connection.query("""
            SELECT DISTINCT agency_code FROM \(unescaped: schema).dossier_documents WHERE document_id = \(id)
            """, logger: logger).decode(String.self) {
            agencies.insert(agency)
        }
        return agencies
    }

    /// The dossier's documents: those it was submitted with (by component, in submission order)
    /// and those a write put into it later (`attach`, uploads into the dossier, digitised copies).
    func documents(of dossierCode: String, store: DocumentStore, on connection: PostgresConnection,
                   logger: Logger) async throws -> [DossierDocument] {
        var entries: [(id: UUID, component: String, source: String, at: Date)] = []
        for try await entry in try await connection.query("""
            SELECT l.document_id, l.component_code, 'submitted', l.linked_at
            FROM \(unescaped: schema).dossier_documents l WHERE l.dossier_code = \(dossierCode)
            UNION ALL
            SELECT a.id, coalesce(a.component_code, ''), 'attached', a.created_at
            FROM \(unescaped: schema).documents a WHERE a.dossier_code = \(dossierCode)
            ORDER BY 4, 2, 1 LIMIT 1000
            """, logger: logger).decode((UUID, String, String, Date).self) {
            entries.append(entry)
        }
        guard !entries.isEmpty else { return [] }
        let views = try await store.list(connection.query("""
            SELECT \(unescaped: DocumentStore.columns) FROM \(unescaped: schema).documents d WHERE d.id = ANY(\(entries.map(\.id)))
            """, logger: logger))
        let byID = Dictionary(views.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return entries.compactMap { entry in
            byID[entry.id.uuidString.lowercased()].map {
                DossierDocument(componentCode: entry.component, source: entry.source, linkedAt: entry.at, document: $0)
            }
        }
    }
}
