import ArgumentParser
import Messaging

/// `onegate-admin dead-letters count <queue>…`: how many messages wait in each `<queue>.dlq`.
struct CountDeadLetters: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "count", abstract: "Count the dead letters of queues.")

    @Argument(help: "Queue names (without .dlq), e.g. processing.intake-events.")
    var queues: [String]

    func run() async throws {
        let link = try await AdminBroker.connect(confirms: false)
        for queue in queues {
            let count = try await link.withChannel { try $0.messageCount(queue: queue + ".dlq") }
            print("\(queue).dlq\t\(count)")
        }
        await link.shutdown()
    }
}
