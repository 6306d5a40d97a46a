import Foundation
import Messaging
import PostgresNIO
import Storage
import Synchronization
import Testing

extension Integration {
    /// Consumers through faults: a database that crashes and comes back, a handler that hangs,
    /// a service that stops with work in flight (issue 14, defect 1).
    @Suite struct ConsumerFaultTests {
        let environment = TestEnvironment.shared

        @Test func aDatabaseCrashLongerThanTheRetriesDeadLettersNothingAndLosesNothing() async throws {
            let queue = "scratch.\(uniqueName("db-crash"))"
            let total = 200
            try await withPostgres(role: "scratch") { client in
                let recorder = try await EffectRecorder.prepare(client: client, queue: queue)
                let link = scratchLink("test-db-crash", queue: queue, prefetch: 16)
                let consuming = recorder.consume(on: link, retry: RetryPolicy(
                    maximumAttempts: 5, backoff: Backoff(initialMilliseconds: 100, maximumMilliseconds: 1_000),
                    handlerDeadline: .seconds(5), isTransient: DatabaseFailure.isTransient))
                for index in 0..<total {
                    try await link.publish(OutboundMessage(exchange: "", routingKey: queue, body: Data("\(index)".utf8),
                                                           messageID: "crash-\(index)"))
                    if index == total / 4 {
                        // Immediate mode: no checkpoint, every connection dropped; recovery at start.
                        let stop = try Shell.runStatus(TestEnvironment.infraScript.path, ["db-stop", "--profile", "test"],
                                                       environment: ["PG_STOP_MODE": "immediate"])
                        #expect(stop.0 == 0, "\(stop.1)")
                    }
                }
                // Longer than the five retries (~3 s) that used to dead-letter every message in flight.
                try await Task.sleep(for: .seconds(6))
                let start = try Shell.runStatus(TestEnvironment.infraScript.path, ["db-start", "--profile", "test"])
                #expect(start.0 == 0, "\(start.1)")
                let drained = await eventually(timeout: .seconds(60)) {
                    ((try? await recorder.distinctEffects) ?? -1) == total
                }
                #expect(drained, "every message applied after the database came back")
                #expect(try await recorder.effects == total, "none applied twice")
                #expect(try await link.withChannel { try $0.messageCount(queue: queue + ".dlq") } == 0, "nothing dead-lettered")
                try await tearDown(link, queue: queue, consuming: consuming)
            }
        }

        @Test func aHandlerStuckPastItsDeadlineIsAbandonedAndRetried() async throws {
            let queue = "scratch.\(uniqueName("stuck"))"
            let link = scratchLink("test-stuck", queue: queue, prefetch: 4)
            let attempts = Atomic<Int>(0)
            let succeeded = Atomic<Int>(0)
            let consumer = MessageConsumer(link: link, queue: queue, retry: RetryPolicy(
                maximumAttempts: 3, backoff: Backoff(initialMilliseconds: 10, maximumMilliseconds: 50), handlerDeadline: .seconds(1)),
                logger: testLogger)
            let consuming = Task {
                await consumer.run { _ in
                    // The first attempt hangs as on a dead connection, ignoring cancellation.
                    if attempts.add(1, ordering: .relaxed).newValue == 1 {
                        await withCheckedContinuation { (_: CheckedContinuation<Void, Never>) in }
                    }
                    succeeded.add(1, ordering: .relaxed)
                }
            }
            try await link.publish(OutboundMessage(exchange: "", routingKey: queue, body: Data("hang".utf8)))
            #expect(await eventually(timeout: .seconds(10)) { succeeded.load(ordering: .relaxed) == 1 }, "the retry handled it")
            #expect(attempts.load(ordering: .relaxed) == 2)
            #expect(await eventually { (try? await link.withChannel { try $0.messageCount(queue: queue) }) == 0 }, "acknowledged")
            try await tearDown(link, queue: queue, consuming: consuming)
        }

        @Test func shutdownRequeuesWorkStillFailingWithinItsGrace() async throws {
            let queue = "scratch.\(uniqueName("shutdown"))"
            let link = scratchLink("test-shutdown", queue: queue, prefetch: 4)
            let shutdown = ConsumerShutdown(grace: .seconds(1))
            let attempts = Atomic<Int>(0)
            let consumer = MessageConsumer(link: link, queue: queue, retry: RetryPolicy(
                backoff: Backoff(initialMilliseconds: 50, maximumMilliseconds: 100), isTransient: { _ in true }),
                shutdown: shutdown, logger: testLogger)
            let consuming = Task {
                await consumer.run { _ in
                    attempts.add(1, ordering: .relaxed)
                    struct DatabaseDown: Error {}
                    throw DatabaseDown()
                }
            }
            try await link.publish(OutboundMessage(exchange: "", routingKey: queue, body: Data("retry".utf8)))
            // A transient failure is retried far beyond the five ordinary attempts, never dead-lettered.
            #expect(await eventually(timeout: .seconds(20)) { attempts.load(ordering: .relaxed) > 12 })
            #expect(try await link.withChannel { try $0.messageCount(queue: queue + ".dlq") } == 0)
            let stopping = ContinuousClock.now
            shutdown.begin()
            await link.cancelConsumers()
            await consuming.value
            #expect(ContinuousClock.now - stopping < .seconds(5), "stopped within the grace")
            #expect(await eventually { (try? await link.withChannel { try $0.messageCount(queue: queue) }) == 1 },
                    "the delivery went back to the queue")
            try await link.withChannel { try $0.delete(queue: queue); try $0.delete(queue: queue + ".dlq") }
            await link.shutdown()
        }

        /// A publishing, consuming link to `queue`, a quorum queue with its dead-letter queue.
        func scratchLink(_ name: String, queue: String, prefetch: UInt16) -> AMQPLink {
            AMQPLink(configuration: environment.adminBroker,
                     options: LinkOptions(name: name, confirms: true, prefetch: prefetch,
                                          topology: Topology(queues: [Topology.Queue(name: queue, kind: .quorum)])),
                     logger: testLogger)
        }
    }
}
