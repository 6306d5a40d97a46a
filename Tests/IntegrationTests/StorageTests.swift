import Contracts
import Foundation
import Messaging
import PostgresNIO
import Storage
import Synchronization
import Testing

extension Integration {
    @Suite struct StorageTests {
        let environment = TestEnvironment.shared

        @Test func theSameMessageDeliveredTwiceHasOneEffect() async throws {
            let queue = "scratch.\(uniqueName("twice"))"
            try await withPostgres(role: "scratch") { client in
                let recorder = try await EffectRecorder.prepare(client: client, queue: queue)
                let link = AMQPLink(configuration: environment.adminBroker,
                                    options: LinkOptions(name: "test-twice", confirms: true, prefetch: 8,
                                                         topology: Topology(queues: [Topology.Queue(name: queue)])),
                                    logger: testLogger)
                let consuming = recorder.consume(on: link)
                let id = UUID().uuidString.lowercased()
                for _ in 0..<2 {
                    try await link.publish(OutboundMessage(exchange: "", routingKey: queue, body: Data("same".utf8), messageID: id))
                }
                #expect(await eventually { recorder.handled.load(ordering: .relaxed) == 2 }, "both deliveries were handled")
                #expect(try await recorder.effects == 1, "the second delivery had no effect")
                try await tearDown(link, queue: queue, consuming: consuming)
            }
        }

        @Test func theRelayPublishesCommittedEventsAndNeverRolledBackOnes() async throws {
            let routingKey = "scratch.test.\(UUID().uuidString.prefix(8).lowercased())"
            let queue = "scratch.\(uniqueName("relay"))"
            try await withPostgres(role: "scratch") { client in
                try await MigrationRunner(schema: "scratch", migrations: []).run(on: client, logger: testLogger)
                let link = AMQPLink(configuration: environment.adminBroker,
                                    options: LinkOptions(name: "test-relay", confirms: true, prefetch: 8, topology: Topology(queues: [
                                        Topology.eventQueue(queue, routingKeys: [routingKey]),
                                    ])),
                                    logger: testLogger)
                #expect(await eventually { link.isConnected })
                let outbox = Outbox(schema: "scratch")
                let relay = OutboxRelay(client: client, outbox: outbox, link: link, logger: testLogger)
                let relaying = Task { try await relay.run() }
                let received = Mutex<[String]>([])
                let consuming = Task {
                    for await delivery in link.consume(queue: queue) {
                        received.withLock { $0.append(delivery.messageID ?? "") }
                        link.ack(delivery)
                    }
                }

                func message() -> OutboxMessage {
                    OutboxMessage(messageID: UUID(), exchange: Exchanges.events, routingKey: routingKey,
                                  type: "vn.onegate.test.v1", correlationID: "test", traceparent: nil, body: Data("{}".utf8))
                }
                let committed = message()
                try await client.transaction(logger: testLogger) { connection in
                    try await outbox.enqueue([committed], on: connection, logger: testLogger)
                }
                let rolledBack = message()
                struct Abort: Error {}
                await #expect(throws: Abort.self) {
                    try await client.transaction(logger: testLogger) { connection in
                        try await outbox.enqueue([rolledBack], on: connection, logger: testLogger)
                        throw Abort()
                    }
                }
                let committedID = committed.messageID.uuidString.lowercased()
                #expect(await eventually { received.withLock { $0 } == [committedID] })
                try await Task.sleep(for: .milliseconds(500))
                #expect(received.withLock { $0 } == [committedID])
                let marked = try await client.integer("""
                    SELECT count(*)::int FROM scratch.outbox WHERE message_id = \(committed.messageID) AND published_at IS NOT NULL
                    """)
                #expect(marked == 1)
                #expect(try await client.integer("SELECT count(*)::int FROM scratch.outbox WHERE message_id = \(rolledBack.messageID)") == 0)

                relaying.cancel()
                _ = try? await relaying.value
                try await tearDown(link, queue: queue, consuming: consuming)
            }
        }

        @Test func concurrentMigrationRunnersApplyEachMigrationOnce() async throws {
            let table = "migrated_\(UUID().uuidString.prefix(8).lowercased())"
            let base = 1_000 + Int.random(in: 0..<1_000_000) * 10
            let migrations = [
                Migration(version: base, name: "create", sql: "CREATE TABLE scratch.\(table) (n int); INSERT INTO scratch.\(table) VALUES (1);"),
                Migration(version: base + 1, name: "add", sql: "INSERT INTO scratch.\(table) VALUES (2);"),
            ]
            try await withPostgres(role: "scratch") { client in
                let runner = MigrationRunner(schema: "scratch", migrations: migrations)
                let applied = try await withThrowingTaskGroup(of: [Int].self) { group in
                    for _ in 0..<4 { group.addTask { try await runner.run(on: client, logger: testLogger) } }
                    var all: [Int] = []
                    for try await versions in group { all += versions }
                    return all
                }
                #expect(applied.sorted() == [base, base + 1])
                #expect(try await client.integer("SELECT count(*)::int FROM scratch.\(unescaped: table)") == 2)
                #expect(try await runner.run(on: client, logger: testLogger).isEmpty)

                let edited = MigrationRunner(schema: "scratch", migrations: [
                    Migration(version: base, name: "create", sql: "CREATE TABLE scratch.other (n int);"),
                ])
                await #expect(throws: MigrationError.self) { try await edited.run(on: client, logger: testLogger) }
            }
        }
    }
}
