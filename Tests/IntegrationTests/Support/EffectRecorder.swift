import Foundation
import Messaging
import PostgresNIO
import Storage
import Synchronization

/// A consumer whose only effect is one row per applied message in a fresh scratch table, guarded
/// by the inbox: counting rows tells how often messages were applied, not how often delivered.
final class EffectRecorder: Sendable {
    let client: PostgresClient
    let queue: String
    let table = "effects_\(UUID().uuidString.prefix(8).lowercased())"
    let handled = Atomic<Int>(0)

    init(client: PostgresClient, queue: String) {
        self.client = client
        self.queue = queue
    }

    /// Creates the scratch outbox/inbox and the effects table.
    static func prepare(client: PostgresClient, queue: String) async throws -> EffectRecorder {
        try await MigrationRunner(schema: "scratch", migrations: []).run(on: client, logger: testLogger)
        let recorder = EffectRecorder(client: client, queue: queue)
        try await client.query("CREATE TABLE scratch.\(unescaped: recorder.table) (message_id text NOT NULL)", logger: testLogger)
        return recorder
    }

    /// Consumes `queue` on `link` until its consumers are cancelled.
    func consume(on link: AMQPLink, retry: RetryPolicy = RetryPolicy()) -> Task<Void, Never> {
        let inbox = Inbox(schema: "scratch", consumer: queue)
        let consumer = MessageConsumer(link: link, queue: queue, retry: retry, logger: testLogger)
        return Task {
            await consumer.run { [self] delivery in
                let id = delivery.messageID ?? ""
                try await client.transaction(logger: testLogger) { connection in
                    if try await inbox.claim(id, on: connection, logger: testLogger) {
                        try await connection.query("INSERT INTO scratch.\(unescaped: table) VALUES (\(id))", logger: testLogger)
                    }
                }
                handled.add(1, ordering: .relaxed)
            }
        }
    }

    var effects: Int { get async throws { try await client.integer("SELECT count(*)::int FROM scratch.\(unescaped: table)") } }

    var distinctEffects: Int {
        get async throws { try await client.integer("SELECT count(DISTINCT message_id)::int FROM scratch.\(unescaped: table)") }
    }
}

/// Stops consuming, removes the test's queue (and its dead-letter queue) and closes the link.
func tearDown(_ link: AMQPLink, queue: String, consuming: Task<Void, Never>) async throws {
    await link.cancelConsumers()
    await consuming.value
    _ = await eventually { link.isConnected }
    try await link.withChannel { try $0.delete(queue: queue); try $0.delete(queue: queue + ".dlq") }
    await link.shutdown()
}
