import Logging
import PostgresNIO

/// Makes redelivery harmless: a consumer claims a message id inside the same transaction as its
/// effects. The insert is the check — there is no read-then-write window — so two deliveries of
/// one message, even on two instances at once, have one effect.
public struct Inbox: Sendable {
    public let schema: String
    public let consumer: String

    public init(schema: String, consumer: String) {
        self.schema = schema
        self.consumer = consumer
    }

    /// True when this is the first time `messageID` is seen; false for a duplicate (then skip the effects).
    public func claim(_ messageID: String, on connection: PostgresConnection, logger: Logger) async throws -> Bool {
        let rows = try await connection.query("""
            INSERT INTO \(unescaped: schema).inbox (consumer, message_id) VALUES (\(consumer), \(messageID))
            ON CONFLICT DO NOTHING RETURNING 1
            """, logger: logger)
        var claimed = false
        for try await _ in rows { claimed = true }
        return claimed
    }
}
