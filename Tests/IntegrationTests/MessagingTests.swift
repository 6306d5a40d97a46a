import Contracts
import Foundation
import Messaging
import PostgresNIO
import Storage
import Synchronization
import Testing

extension Integration {
    @Suite struct MessagingTests {
        let environment = TestEnvironment.shared

        @Test func brokerRestartInTheMiddleOfPublishingLosesNothingAndAppliesNothingTwice() async throws {
            let queue = "scratch.\(uniqueName("restart"))"
            let total = 500
            try await withPostgres(role: "scratch") { client in
                let recorder = try await EffectRecorder.prepare(client: client, queue: queue)
                let topology = Topology(queues: [Topology.Queue(name: queue, kind: .quorum)])
                let consumerLink = AMQPLink(configuration: environment.adminBroker,
                                            options: LinkOptions(name: "test-consumer", confirms: false, prefetch: 32, topology: topology),
                                            logger: testLogger)
                let publisherLink = AMQPLink(configuration: environment.adminBroker,
                                             options: LinkOptions(name: "test-publisher", confirms: true, topology: topology),
                                             logger: testLogger)
                let consuming = recorder.consume(on: consumerLink)
                let confirmed = Atomic<Int>(0)
                let giveUp = ContinuousClock.now.advanced(by: .seconds(90))
                let publishing = Task {
                    for index in 0..<total {
                        let message = OutboundMessage(exchange: "", routingKey: queue, body: Data("\(index)".utf8),
                                                      messageID: "restart-\(queue)-\(index)")
                        while true {
                            do {
                                try await publisherLink.publish(message)
                                break
                            } catch {
                                if ContinuousClock.now > giveUp { return }
                                try? await Task.sleep(for: .milliseconds(100))  // not confirmed: send it again
                            }
                        }
                        confirmed.add(1, ordering: .relaxed)
                        try? await Task.sleep(for: .milliseconds(20))  // spread the publishing over the restart
                    }
                }
                #expect(await eventually { confirmed.load(ordering: .relaxed) >= total / 5 })
                try environment.stopBroker()
                let confirmedWhileDown = confirmed.load(ordering: .relaxed)
                #expect(confirmedWhileDown < total, "the broker went down in the middle of publishing")
                try environment.startBroker()
                await publishing.value
                #expect(confirmed.load(ordering: .relaxed) == total)
                let allApplied = await eventually(timeout: .seconds(60)) { (try? await recorder.distinctEffects) == total }
                #expect(allApplied)
                #expect(try await recorder.effects == total, "every message applied exactly once")
                try await tearDown(consumerLink, queue: queue, consuming: consuming)
                await publisherLink.shutdown()
            }
        }

        @Test func aMessageThatKeepsFailingIsRetriedThenDeadLetteredAndCanBeReplayed() async throws {
            let queue = "scratch.\(uniqueName("poison"))"
            let topology = Topology(queues: [Topology.Queue(name: queue, kind: .quorum)])
            let link = AMQPLink(configuration: environment.adminBroker,
                                options: LinkOptions(name: "test-poison", confirms: true, prefetch: 4, topology: topology),
                                logger: testLogger)
            let attempts = Atomic<Int>(0)
            let healed = Atomic<Bool>(false)
            let succeeded = Atomic<Int>(0)
            let consumer = MessageConsumer(link: link, queue: queue,
                                           retry: RetryPolicy(maximumAttempts: 3, backoff: Backoff(initialMilliseconds: 10, maximumMilliseconds: 50)),
                                           logger: testLogger)
            let consuming = Task {
                await consumer.run { _ in
                    attempts.add(1, ordering: .relaxed)
                    struct Boom: Error {}
                    guard healed.load(ordering: .relaxed) else { throw Boom() }
                    succeeded.add(1, ordering: .relaxed)
                }
            }
            try await link.publish(OutboundMessage(exchange: "", routingKey: queue, body: Data("poison".utf8)))
            let deadLettered = await eventually {
                (try? await link.withChannel { try $0.messageCount(queue: queue + ".dlq") }) == 1
            }
            #expect(deadLettered)
            #expect(attempts.load(ordering: .relaxed) == 3)

            // The bug is fixed; the operator replays the dead letter.
            healed.store(true, ordering: .relaxed)
            let admin = TestEnvironment.repositoryRoot.appendingPathComponent(".build/debug/onegate-admin").path
            let replay = try Shell.runStatus(admin, ["dead-letters", "replay", queue],
                                             environment: ["ONEGATE_AMQP_PORT": String(environment.amqpPort)])
            #expect(replay.0 == 0, "\(replay.1)")
            #expect(replay.1.contains("done: 1 replayed"), "\(replay.1)")
            #expect(await eventually { succeeded.load(ordering: .relaxed) == 1 }, "the replayed message was handled")
            #expect(try await link.withChannel { try $0.messageCount(queue: queue + ".dlq") } == 0)
            try await tearDown(link, queue: queue, consuming: consuming)
        }

        @Test func rpcAnswersTimesOutAndFailsFastWhenNobodyListens() async throws {
            let configuration = environment.adminBroker
            let server = RPCServer(configuration: configuration, service: .documents, handlers: [
                "echo": { delivery in delivery.body },
                "slow": { delivery in
                    try? await Task.sleep(for: .seconds(2))
                    return delivery.body
                },
            ], logger: testLogger)
            let serving = Task { await server.run(unknownOperation: { _ in Data() }) }
            let client = RPCClient(configuration: configuration, name: "test-rpc", logger: testLogger)
            let running = Task { await client.run() }
            #expect(await eventually { server.link.isConnected && client.link.isConnected })
            try await Task.sleep(for: .milliseconds(200))  // the server's queue is bound once its link connected

            let reply = try await client.call(routingKey: "documents.echo", body: Data("xin chào".utf8), timeout: .seconds(5))
            #expect(String(decoding: reply, as: UTF8.self) == "xin chào")

            await #expect(throws: MessagingError.rpcTimedOut("documents.slow")) {
                _ = try await client.call(routingKey: "documents.slow", body: Data(), timeout: .milliseconds(300))
            }
            await #expect(throws: MessagingError.unroutable("nobody.listens")) {
                _ = try await client.call(routingKey: "nobody.listens", body: Data(), timeout: .seconds(5))
            }
            await server.link.cancelConsumers()
            await serving.value
            try await server.link.withChannel { try $0.delete(queue: "documents.rpc") }
            await server.link.shutdown()
            await client.link.shutdown()
            await running.value
        }
    }
}
