import Contracts
import Foundation
import Logging
import PostgresNIO
import Storage

/// A new document row, as `upload.commit` writes it.
struct NewDocument: Sendable {
    var id: UUID
    var seriesId: UUID
    var version: Int
    var sha256: String
    var size: Int
    var mediaType: String
    var filename: String
    var documentType: String
    var ownerId: String?
    var uploadedBy: String?
    var dossierCode: String?
    var componentCode: String?
    var digitisedBy: String?
    var digitisedAt: Date?
}

/// The `documents` schema's documents and blobs.
struct DocumentStore: Sendable {
    let schema: String

    static let columns = """
        d.id, d.series_id, d.version, d.sha256, d.size, d.media_type, d.filename, d.document_type, d.owner_id,
        d.dossier_code, d.component_code, d.digitised_by, d.digitised_at,
        EXISTS (SELECT 1 FROM documents.signatures s WHERE s.document_id = d.id), d.created_at, d.retain_until, d.legal_hold
        """

    /// Records the blob (once per digest), locking its row so a concurrent purge waits.
    func claimBlob(sha256: String, size: Int, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("""
            INSERT INTO \(unescaped: schema).blobs (sha256, size) VALUES (\(sha256), \(Int64(size)))
            ON CONFLICT (sha256) DO UPDATE SET size = EXCLUDED.size
            """, logger: logger)
    }

    func insert(_ document: NewDocument, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("""
            INSERT INTO \(unescaped: schema).documents
                (id, series_id, version, sha256, size, media_type, filename, document_type, owner_id, uploaded_by,
                 dossier_code, component_code, digitised_by, digitised_at, retain_until)
            SELECT \(document.id), \(document.seriesId), \(document.version), \(document.sha256), \(Int64(document.size)),
                   \(document.mediaType), \(document.filename), p.document_type, \(document.ownerId), \(document.uploadedBy),
                   \(document.dossierCode), \(document.componentCode), \(document.digitisedBy), \(document.digitisedAt),
                   now() + make_interval(days => p.retention_days)
            FROM \(unescaped: schema).retention_policies p WHERE p.document_type = \(document.documentType)
            """, logger: logger)
    }

    func knownType(_ type: String, on connection: PostgresConnection, logger: Logger) async throws -> Bool {
        let rows = try await connection.query("""
            SELECT 1 FROM \(unescaped: schema).retention_policies WHERE document_type = \(type)
            """, logger: logger)
        for try await _ in rows { return true }
        return false
    }

    func find(_ id: UUID, on connection: PostgresConnection, logger: Logger) async throws -> DocumentView? {
        try await list(connection.query("""
            SELECT \(unescaped: Self.columns) FROM \(unescaped: schema).documents d WHERE d.id = \(id)
            """, logger: logger)).first
    }

    /// The latest version number of the series `seriesId`, locked for the new version.
    func latestVersion(series seriesId: UUID, on connection: PostgresConnection, logger: Logger) async throws -> Int {
        let rows = try await connection.query("""
            SELECT max(version) FROM \(unescaped: schema).documents WHERE series_id = \(seriesId)
            """, logger: logger)
        for try await value in rows.decode(Int?.self) { return value ?? 0 }
        return 0
    }

    /// The latest version of each of `ownerId`'s documents, newest first.
    func owned(by ownerId: String, limit: Int, offset: Int, on connection: PostgresConnection, logger: Logger) async throws -> [DocumentView] {
        try await list(connection.query("""
            SELECT \(unescaped: Self.columns) FROM \(unescaped: schema).documents d
            WHERE d.owner_id = \(ownerId) AND d.document_type <> 'result'
              AND d.version = (SELECT max(v.version) FROM \(unescaped: schema).documents v WHERE v.series_id = d.series_id)
            ORDER BY d.created_at DESC, d.id LIMIT \(limit) OFFSET \(offset)
            """, logger: logger))
    }

    /// Who owns and who uploaded each of `ids`, its dossier, and whether a dossier took it when
    /// submitted (one statement for a submission).
    func claims(_ ids: [UUID], on connection: PostgresConnection, logger: Logger) async throws -> [UUID: DocumentClaim] {
        var found: [UUID: DocumentClaim] = [:]
        let rows = try await connection.query("""
            SELECT d.id, d.owner_id, d.uploaded_by, d.dossier_code,
                   EXISTS (SELECT 1 FROM \(unescaped: schema).dossier_documents l WHERE l.document_id = d.id AND l.exclusive)
            FROM \(unescaped: schema).documents d WHERE d.id = ANY(\(ids))
            """, logger: logger)
        for try await (id, owner, uploader, dossier, taken) in rows.decode((UUID, String?, String?, String?, Bool).self) {
            found[id] = DocumentClaim(ownerId: owner, uploadedBy: uploader, dossierCode: dossier, taken: taken)
        }
        return found
    }

    func attach(_ id: UUID, dossierCode: String, componentCode: String, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("""
            UPDATE \(unescaped: schema).documents SET dossier_code = \(dossierCode), component_code = \(componentCode)
            WHERE id = \(id)
            """, logger: logger)
    }

    /// Bytes already attached to `dossierCode`, locked against a concurrent attachment.
    func dossierBytes(_ dossierCode: String, on connection: PostgresConnection, logger: Logger) async throws -> Int {
        try await connection.run("SELECT pg_advisory_xact_lock(hashtext(\(dossierCode)))", logger: logger)
        let rows = try await connection.query("""
            SELECT coalesce(sum(size), 0)::bigint FROM \(unescaped: schema).documents WHERE dossier_code = \(dossierCode)
            """, logger: logger)
        for try await value in rows.decode(Int64.self) { return Int(value) }
        return 0
    }

    func setLegalHold(_ id: UUID, hold: Bool, on connection: PostgresConnection, logger: Logger) async throws -> Bool {
        let rows = try await connection.query("""
            UPDATE \(unescaped: schema).documents SET legal_hold = \(hold) WHERE id = \(id) RETURNING id
            """, logger: logger)
        for try await _ in rows { return true }
        return false
    }

    func list(_ rows: PostgresRowSequence) async throws -> [DocumentView] {
        var documents: [DocumentView] = []
        for try await (id, series, version, sha, size, media, filename, type, owner, dossier, component, digitisedBy, digitisedAt,
                       signed, created, retain, hold) in rows.decode(
            (UUID, UUID, Int, String, Int64, String, String, String, String?, String?, String?, String?, Date?,
             Bool, Date, Date?, Bool).self) {
            documents.append(DocumentView(
                id: id.uuidString.lowercased(), seriesId: series.uuidString.lowercased(), version: version, sha256: sha,
                size: Int(size), mediaType: media, filename: filename, documentType: type, ownerId: owner, dossierCode: dossier,
                componentCode: component, digitisedBy: digitisedBy, digitisedAt: digitisedAt, signed: signed, createdAt: created,
                retainUntil: retain, legalHold: hold))
        }
        return documents
    }
}
