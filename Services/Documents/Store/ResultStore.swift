import Contracts
import Foundation
import Logging
import PostgresNIO
import Storage

/// E-results: `{dossier code}-KQ{n}`, the signed document, the owner, and the invalidation mark.
struct ResultStore: Sendable {
    let schema: String

    static let columns = """
        r.code, r.dossier_code, r.document_id, d.sha256, d.filename, r.issued_at, s.signer, s.signed_at,
        r.invalidated_at, r.invalidation_reason, r.owner_id, s.agency_code
        """

    /// A result with what verification needs.
    struct Stored: Sendable {
        let view: ResultView
        let ownerId: String?
        let agencyCode: String?
    }

    /// The next ordinal of `dossierCode`'s results, serialised per dossier.
    func nextOrdinal(_ dossierCode: String, on connection: PostgresConnection, logger: Logger) async throws -> Int {
        try await connection.run("SELECT pg_advisory_xact_lock(hashtext(\("result:" + dossierCode)))", logger: logger)
        let rows = try await connection.query("""
            SELECT coalesce(max(ordinal), 0) FROM \(unescaped: schema).results WHERE dossier_code = \(dossierCode)
            """, logger: logger)
        for try await value in rows.decode(Int.self) { return value + 1 }
        return 1
    }

    func insert(code: String, dossierCode: String, ordinal: Int, document: UUID, ownerId: String?, issuedBy: String,
                on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("""
            INSERT INTO \(unescaped: schema).results (code, dossier_code, ordinal, document_id, owner_id, issued_by)
            VALUES (\(code), \(dossierCode), \(ordinal), \(document), \(ownerId), \(issuedBy))
            """, logger: logger)
        try await connection.query("""
            UPDATE \(unescaped: schema).documents
            SET document_type = 'result', retain_until = NULL, dossier_code = \(dossierCode), owner_id = coalesce(\(ownerId), owner_id)
            WHERE id = \(document)
            """, logger: logger)
    }

    func invalidate(_ code: String, by actor: String, reason: String, on connection: PostgresConnection, logger: Logger) async throws -> Bool {
        let rows = try await connection.query("""
            UPDATE \(unescaped: schema).results SET invalidated_at = now(), invalidated_by = \(actor), invalidation_reason = \(reason)
            WHERE code = \(code) AND invalidated_at IS NULL RETURNING code
            """, logger: logger)
        for try await _ in rows { return true }
        return false
    }

    func find(_ code: String, on connection: PostgresConnection, logger: Logger) async throws -> Stored? {
        try await list(connection.query("""
            SELECT \(unescaped: Self.columns) FROM \(unescaped: schema).results r
            JOIN \(unescaped: schema).documents d ON d.id = r.document_id
            LEFT JOIN \(unescaped: schema).signatures s ON s.document_id = r.document_id
            WHERE r.code = \(code)
            """, logger: logger)).first
    }

    func owned(by ownerId: String, limit: Int, offset: Int, on connection: PostgresConnection, logger: Logger) async throws -> [ResultView] {
        try await list(connection.query("""
            SELECT \(unescaped: Self.columns) FROM \(unescaped: schema).results r
            JOIN \(unescaped: schema).documents d ON d.id = r.document_id
            LEFT JOIN \(unescaped: schema).signatures s ON s.document_id = r.document_id
            WHERE r.owner_id = \(ownerId) ORDER BY r.issued_at DESC, r.code LIMIT \(limit) OFFSET \(offset)
            """, logger: logger)).map(\.view)
    }

    private func list(_ rows: PostgresRowSequence) async throws -> [Stored] {
        var results: [Stored] = []
        for try await (code, dossier, document, sha, filename, issued, signer, signedAt, invalidatedAt, reason, owner, agency) in rows.decode(
            (String, String, UUID, String, String, Date, String?, Date?, Date?, String?, String?, String?).self) {
            results.append(Stored(view: ResultView(
                code: code, dossierCode: dossier, documentId: document.uuidString.lowercased(), sha256: sha, filename: filename,
                issuedAt: issued, signer: signer, signedAt: signedAt, invalidated: invalidatedAt != nil,
                invalidatedAt: invalidatedAt, invalidationReason: reason), ownerId: owner, agencyCode: agency))
        }
        return results
    }
}
