import Foundation
import Logging
import Messaging
import Metrics
import PostgresNIO
import ServiceLifecycle
import Synchronization

/// Publishes committed outbox rows with publisher confirms and marks them sent.
///
/// Safe with many instances: each batch is claimed with `FOR UPDATE SKIP LOCKED`, so instances
/// never publish the same rows at once. Woken by `NOTIFY` from any instance's commit, and by a
/// slow poll in case a notification was missed. A row is marked only after its confirm, so a
/// crash between publish and mark re-publishes it: consumers dedupe by message id.
public final class OutboxRelay: Service, Sendable {
    let client: PostgresClient
    let outbox: Outbox
    let link: AMQPLink
    let logger: Logger
    let batchSize: Int
    let pollInterval: Duration
    let wakeUp: AsyncStream<Void>.Continuation
    let wakeUps: AsyncStream<Void>
    let stopping = Atomic<Bool>(false)
    let published = Counter(label: "onegate_outbox_published_total")
    let publishFailures = Counter(label: "onegate_outbox_publish_failures_total")

    public init(client: PostgresClient, outbox: Outbox, link: AMQPLink, logger: Logger,
                batchSize: Int = 256, pollInterval: Duration = .seconds(5)) {
        self.client = client
        self.outbox = outbox
        self.link = link
        self.logger = logger
        self.batchSize = batchSize
        self.pollInterval = pollInterval
        (wakeUps, wakeUp) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// Asks the relay to look at the outbox now (after a local commit).
    public func wake() { wakeUp.yield() }

    public func run() async throws {
        await withDiscardingTaskGroup { group in
            group.addTask { await self.listen() }
            group.addTask { await self.tick() }
            await withGracefulShutdownHandler {
                await self.relayLoop()
            } onGracefulShutdown: {
                self.stopping.store(true, ordering: .relaxed)
                self.wakeUp.finish()
            }
            group.cancelAll()
        }
        // Shutting down: flush what committed meanwhile, as far as the broker lets us.
        _ = try? await drain()
    }

    private func relayLoop() async {
        var iterator = wakeUps.makeAsyncIterator()
        repeat {
            do {
                while true {
                    let pass = try await drain()
                    if pass.failed > 0 {
                        if stopping.load(ordering: .relaxed) { return }
                        try? await Task.sleep(for: .milliseconds(500))
                    }
                    if pass.taken < batchSize && pass.failed == 0 { break }
                    if Task.isCancelled { return }
                }
            } catch {
                logger.warning("outbox relay pass failed; will retry", metadata: ["error": "\(String(reflecting: error))"])
                try? await Task.sleep(for: .milliseconds(500))
            }
        } while await iterator.next() != nil
    }

    private func tick() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: pollInterval)
            wakeUp.yield()
        }
    }

    private func listen() async {
        while !Task.isCancelled {
            do {
                try await client.withConnection { connection in
                    try await connection.listen(on: outbox.channel) { notifications in
                        self.wakeUp.yield()  // anything committed before LISTEN took effect
                        for try await _ in notifications { self.wakeUp.yield() }
                    }
                }
            } catch {
                if Task.isCancelled { return }
                logger.debug("outbox LISTEN ended; reconnecting", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }

    /// Publishes one batch; returns how many rows it took and how many could not be published.
    func drain() async throws -> (taken: Int, failed: Int) {
        let schema = outbox.schema
        let count = try await client.withTransaction(logger: logger) { connection -> (taken: Int, failed: Int) in
            let rows = try await connection.query("""
                SELECT position, message_id, exchange, routing_key, type, correlation_id, traceparent, body
                FROM \(unescaped: schema).outbox WHERE published_at IS NULL
                ORDER BY position LIMIT \(batchSize) FOR UPDATE SKIP LOCKED
                """, logger: logger)
            var batch: [(Int64, OutboundMessage)] = []
            for try await (position, id, exchange, key, type, correlation, traceparent, body) in rows.decode(
                (Int64, UUID, String, String, String, String?, String?, String).self) {
                batch.append((position, OutboundMessage(exchange: exchange, routingKey: key, body: Data(body.utf8),
                                                        messageID: id.uuidString.lowercased(), type: type,
                                                        correlationID: correlation, traceparent: traceparent)))
            }
            guard !batch.isEmpty else { return (0, 0) }
            let outcomes = await publishAll(batch)
            let published = outcomes.filter { $0.1 == nil }.map(\.0)
            if !published.isEmpty {
                try await connection.query("""
                    UPDATE \(unescaped: schema).outbox SET published_at = now(), attempts = attempts + 1
                    WHERE position = ANY(\(published))
                    """, logger: logger)
            }
            for (position, error) in outcomes {
                guard let error else { continue }
                try await connection.query("""
                    UPDATE \(unescaped: schema).outbox SET attempts = attempts + 1, last_error = \(String(describing: error))
                    WHERE position = \(position)
                    """, logger: logger)
            }
            return (batch.count, batch.count - published.count)
        }
        published.increment(by: count.taken - count.failed)
        publishFailures.increment(by: count.failed)
        return count
    }

    /// Publishes the whole batch at once and waits for every confirm (one round trip, not one per row).
    private func publishAll(_ batch: [(Int64, OutboundMessage)]) async -> [(Int64, (any Error)?)] {
        await withTaskGroup(of: (Int64, (any Error)?).self) { group in
            for (position, message) in batch {
                group.addTask {
                    do {
                        try await self.link.publish(message)
                        return (position, nil)
                    } catch {
                        return (position, error)
                    }
                }
            }
            var outcomes: [(Int64, (any Error)?)] = []
            for await outcome in group { outcomes.append(outcome) }
            return outcomes
        }
    }
}
