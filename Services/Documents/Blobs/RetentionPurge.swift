import Foundation
import Logging
import PostgresNIO

/// Removes documents past their retention (never under legal hold, never e-results), then the
/// blobs no document names any more. A blob is deleted row and file together in one transaction
/// per blob: a concurrent upload of the same bytes locks the row first (and then finds it gone and
/// writes both again), and the foreign key refuses to drop a blob a document still references.
struct RetentionPurge: Sendable {
    let schema: String
    let blobs: BlobStore

    struct Outcome: Sendable {
        var documents = 0
        var blobs = 0
    }

    func run(on client: PostgresClient, logger: Logger, now: Date = Date()) async throws -> Outcome {
        var outcome = Outcome()
        outcome.documents = try await client.transaction(logger: logger) { connection in
            try await connection.query("""
                DELETE FROM \(unescaped: schema).signatures s USING \(unescaped: schema).documents d
                WHERE s.document_id = d.id AND d.retain_until < \(now) AND NOT d.legal_hold
                  AND NOT EXISTS (SELECT 1 FROM \(unescaped: schema).results r WHERE r.document_id = d.id)
                """, logger: logger)
            let rows = try await connection.query("""
                DELETE FROM \(unescaped: schema).documents d WHERE d.retain_until < \(now) AND NOT d.legal_hold
                  AND NOT EXISTS (SELECT 1 FROM \(unescaped: schema).results r WHERE r.document_id = d.id)
                RETURNING d.id
                """, logger: logger)
            var count = 0
            for try await _ in rows { count += 1 }
            return count
        }
        var candidates: [String] = []
        for try await sha in try await client.query("""
            SELECT b.sha256 FROM \(unescaped: schema).blobs b
            WHERE NOT EXISTS (SELECT 1 FROM \(unescaped: schema).documents d WHERE d.sha256 = b.sha256)
            """, logger: logger).decode(String.self) {
            candidates.append(sha)
        }
        for sha in candidates {
            let removed = try? await client.transaction(logger: logger) { connection in
                let rows = try await connection.query("""
                    DELETE FROM \(unescaped: schema).blobs b WHERE b.sha256 = \(sha)
                      AND NOT EXISTS (SELECT 1 FROM \(unescaped: schema).documents d WHERE d.sha256 = b.sha256)
                    RETURNING b.sha256
                    """, logger: logger)
                var gone = false
                for try await _ in rows { gone = true }
                if gone { blobs.removeBlob(sha) }
                return gone
            }
            if removed == true { outcome.blobs += 1 }
        }
        return outcome
    }
}
