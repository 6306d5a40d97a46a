import ArgumentParser
import Foundation
import Messaging

/// `onegate-admin dead-letters replay <queue> [--limit N]`: moves messages from `<queue>.dlq`
/// back to `<queue>`, each with its original id, type and correlation id. A message is removed
/// from the dead-letter queue only after the broker confirmed its copy (never lost; at worst
/// replayed twice, which consumers' inboxes absorb).
struct ReplayDeadLetters: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "replay", abstract: "Replay the dead letters of a queue.")

    @Argument(help: "The queue whose dead letters to replay, e.g. processing.intake-events.")
    var queue: String

    @Option(help: "Replay at most this many messages.")
    var limit: Int = 1_000

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be positive") }
    }

    func run() async throws {
        let deadLetters = queue + ".dlq"
        let link = try await AdminBroker.connect(confirms: true, prefetch: UInt16(min(limit, 64)))
        let waiting = try await link.withChannel { try $0.messageCount(queue: deadLetters) }
        let target = min(waiting, limit)
        print("\(deadLetters): \(waiting) waiting; replaying \(target) to \(queue)")
        var replayed = 0
        if target > 0 {
            for await delivery in link.consume(queue: deadLetters) {
                try await link.publish(OutboundMessage(
                    exchange: "", routingKey: queue, body: delivery.body,
                    messageID: delivery.messageID ?? UUID().uuidString.lowercased(), type: delivery.type,
                    correlationID: delivery.correlationID, traceparent: delivery.traceparent))
                link.ack(delivery)
                replayed += 1
                if replayed % 100 == 0 || replayed == target { print("replayed \(replayed)/\(target)") }
                if replayed >= target { break }
            }
        }
        await link.cancelConsumers()
        await link.shutdown()
        print("done: \(replayed) replayed")
    }
}
