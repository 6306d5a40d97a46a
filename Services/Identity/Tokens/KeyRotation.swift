import Foundation
import Logging
import ServiceKit

/// `identity rotate-keys [--retire-older-than SECONDS]`: adds a new signing key, which every
/// identity instance starts using within `ONEGATE_SIGNING_KEYS_REFRESH_SECONDS`; the previous keys
/// stay published, so tokens signed just before still verify. Keys older than the given age
/// (default one day, well past the access-token lifetime) stop being published.
enum KeyRotation {
    static func run(arguments: [String]) async throws -> Int32 {
        var retireOlderThan: TimeInterval = 86_400
        if let flag = arguments.firstIndex(of: "--retire-older-than") {
            guard flag + 1 < arguments.count, let seconds = TimeInterval(arguments[flag + 1]), seconds >= 0 else {
                print("usage: identity rotate-keys [--retire-older-than SECONDS]")
                return 2
            }
            retireOlderThan = seconds
        }
        let environment = ServiceEnvironment()
        var logger = Logger(label: "onegate.identity.rotate-keys")
        logger.logLevel = .warning
        let client = environment.database(for: .identity).makeClient(logger: logger)
        return try await withThrowingTaskGroup(of: Int32?.self) { group in
            group.addTask {
                await client.run()
                return nil
            }
            defer { group.cancelAll() }
            let published = try await client.transaction(logger: logger) { connection in
                try await SigningKeys().rotate(retireOlderThan: retireOlderThan, on: connection, logger: logger)
                return try await SigningKeys().current(on: connection, logger: logger).map(\.kid)
            }
            print("signing with \(published.first ?? "?"); published: \(published.joined(separator: ", "))")
            return 0
        }
    }
}
