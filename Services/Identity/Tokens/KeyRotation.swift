import Foundation
import ServiceKit

/// `identity rotate-keys [--retire-older-than SECONDS]`: adds a new signing key, which every
/// identity instance starts using within `ONEGATE_SIGNING_KEYS_REFRESH_SECONDS`; the previous keys
/// stay published, so tokens signed just before still verify. Keys that stopped signing longer
/// ago than the given age (default one day, well past the access-token lifetime) stop being
/// published.
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
        let retireAfter = retireOlderThan
        let signingKeys = SigningKeys(sealer: AtRestSealer.fromEnvironmentOrExit(ServiceEnvironment()))
        return try await OperatorCommand.withDatabase(of: .identity) { client, logger in
            let published = try await client.transaction(logger: logger) { connection in
                try await signingKeys.rotate(retireOlderThan: retireAfter, on: connection, logger: logger)
                return try await signingKeys.current(on: connection, logger: logger).map(\.kid)
            }
            print("signing with \(published.first ?? "?"); published: \(published.joined(separator: ", "))")
            return 0
        }
    }
}
