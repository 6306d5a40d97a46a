import Foundation
import Logging
import PostgresNIO

/// Agency signatures of documents (detached CMS, DER).
struct SignatureStore: Sendable {
    let schema: String

    struct Stored: Sendable {
        let agencyCode: String
        let cms: [UInt8]
        let signer: String
        let signedAt: Date
    }

    func insert(document: UUID, agency: String, signature: DetachedSigner.Signature,
                on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("""
            INSERT INTO \(unescaped: schema).signatures (document_id, agency_code, cms, signer, signed_at)
            VALUES (\(document), \(agency), \(Data(signature.der)), \(signature.signer), \(signature.signedAt))
            ON CONFLICT (document_id) DO NOTHING
            """, logger: logger)
    }

    func find(document: UUID, on connection: PostgresConnection, logger: Logger) async throws -> Stored? {
        let rows = try await connection.query("""
            SELECT agency_code, cms, signer, signed_at FROM \(unescaped: schema).signatures WHERE document_id = \(document)
            """, logger: logger)
        for try await (agency, cms, signer, signedAt) in rows.decode((String, Data, String, Date).self) {
            return Stored(agencyCode: agency, cms: [UInt8](cms), signer: signer, signedAt: signedAt)
        }
        return nil
    }
}
