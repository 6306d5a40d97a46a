import Contracts
import Foundation
import Logging
import PostgresNIO
import ServiceKit

/// `processing.action_requests`: outcomes of actions taken with an `Idempotency-Key`, read and
/// written under the case's row lock, so a retry racing its original waits and then replays.
struct ActionRequestStore: Sendable {
    let schema: String

    /// The first outcome for `key`, if the same action and body were taken with it; 422 when the
    /// key was used for something else.
    func replay(code: String, key: String, action: String, bodyHash: String,
                on connection: PostgresConnection, logger: Logger) async throws -> ActionOutcome? {
        for try await (storedAction, storedHash, outcome) in try await connection.query("""
            SELECT action, body_hash, outcome::text FROM \(unescaped: schema).action_requests
            WHERE code = \(code) AND idempotency_key = \(key)
            """, logger: logger).decode((String, String, String).self) {
            guard storedAction == action, storedHash == bodyHash else {
                throw Problem(status: 422, title: "Idempotency key reused",
                              detail: "This Idempotency-Key was used for a different action or body on this dossier.")
            }
            var replayed = try WireJSON.decode(ActionOutcome.self, from: Data(outcome.utf8))
            replayed.replayed = true
            return replayed
        }
        return nil
    }

    func remember(_ outcome: ActionOutcome, code: String, key: String, bodyHash: String,
                  on connection: PostgresConnection, logger: Logger) async throws {
        let body = String(decoding: try WireJSON.encode(outcome), as: UTF8.self)
        try await connection.query("""
            INSERT INTO \(unescaped: schema).action_requests (code, idempotency_key, action, body_hash, outcome)
            VALUES (\(code), \(key), \(outcome.action), \(bodyHash), \(body)::jsonb)
            """, logger: logger)
    }
}
