import Foundation
import ServiceKit

/// `integration dead-letters` (counts by kind) and `integration replay <kind> [--dossier CODE]
/// [--limit N]`: dead-lettered deliveries go back to the queue with a fresh retry bound. A
/// replayed portal change is sent before the changes held behind it, in sequence order.
enum DeadLetterCommand {
    static let usage = "usage: integration dead-letters | integration replay <portal|webhook|notify|email|sms|payment-request|confirm-payment|all> [--dossier CODE] [--limit N]"

    static func run(_ arguments: [String]) async throws -> Int32 {
        switch arguments.first {
        case "dead-letters":
            return try await OperatorCommand.withDatabase(of: .integration) { client, logger in
                let counts = try await client.withConnection { connection in
                    try await JobStore(schema: "integration").deadCounts(on: connection, logger: logger)
                }
                if counts.isEmpty { print("no dead-lettered deliveries") }
                for (kind, count) in counts { print("\(kind)\t\(count)") }
                return 0
            }
        case "replay":
            guard arguments.count >= 2 else { print(usage); return 2 }
            let kind = JobKind(rawValue: arguments[1])
            guard kind != nil || arguments[1] == "all" else { print(usage); return 2 }
            var dossier: String?
            var limit = 100_000
            var index = 2
            while index < arguments.count {
                switch arguments[index] {
                case "--dossier" where index + 1 < arguments.count: dossier = arguments[index + 1]
                case "--limit" where index + 1 < arguments.count: limit = Int(arguments[index + 1]) ?? limit
                default: print(usage); return 2
                }
                index += 2
            }
            return try await OperatorCommand.withDatabase(of: .integration) { [dossier, limit] client, logger in
                let replayed = try await client.withConnection { connection in
                    try await JobStore(schema: "integration").replayDead(kind: kind, subject: dossier, limit: limit,
                                                                        on: connection, logger: logger)
                }
                print("replayed \(replayed) dead-lettered deliveries")
                return 0
            }
        default:
            print(usage)
            return 2
        }
    }
}
