import Contracts
import Foundation
import Logging
import Messaging
import Storage

/// Configuration read from environment variables, with defaults that match the local instances
/// started by `deploy/infra.sh` (profile `dev`). Every variable is listed in `docs/configuration.md`.
///
/// Credentials and keys have a default only in the `dev` and `test` profiles (`ONEGATE_PROFILE`,
/// `dev` when unset); in any other profile a missing one is a `MissingSecret`, which stops the
/// service at start with the variable's name.
public struct ServiceEnvironment: Sendable {
    public let values: [String: String]

    public init(_ values: [String: String] = ProcessInfo.processInfo.environment) {
        self.values = values
    }

    public func string(_ key: String, default fallback: String) -> String {
        guard let value = values[key], !value.isEmpty else { return fallback }
        return value
    }

    public func int(_ key: String, default fallback: Int) -> Int {
        values[key].flatMap(Int.init) ?? fallback
    }

    /// The deployment profile: `dev` (the default), `test`, `bench`, `production`, ….
    public var profile: String { string("ONEGATE_PROFILE", default: "dev") }

    /// Whether credentials may fall back to the well-known development values.
    public var allowsDevelopmentSecrets: Bool { ["dev", "test"].contains(profile) }

    /// An optional secret from `KEY`, or from the file named by `KEY_FILE` (Docker/Kubernetes
    /// secrets); `fallback` should be empty (the feature is off), never a usable value.
    public func secret(_ key: String, default fallback: String) -> String {
        if let path = values[key + "_FILE"], let text = try? String(contentsOfFile: path, encoding: .utf8) {
            return text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return string(key, default: fallback)
    }

    /// A required secret from `KEY` (or `KEY_FILE`), else from the first of `alternatives` that is
    /// set; `developmentDefault` only in the `dev`/`test` profiles, else `MissingSecret`.
    public func requiredSecret(_ key: String, alternatives: [String] = [], developmentDefault: String) throws -> String {
        for name in [key] + alternatives {
            let value = secret(name, default: "")
            if !value.isEmpty { return value }
        }
        guard allowsDevelopmentSecrets else { throw MissingSecret(variable: key, profile: profile) }
        return developmentDefault
    }

    /// `requiredSecret`, for configuration read before anything can report an error: a missing
    /// secret ends the process (exit status 78, EX_CONFIG) with `MissingSecret`'s message on stderr.
    public func requiredSecretOrExit(_ key: String, alternatives: [String] = [], developmentDefault: String) -> String {
        do {
            return try requiredSecret(key, alternatives: alternatives, developmentDefault: developmentDefault)
        } catch {
            FileHandle.standardError.write(Data("onegate: refusing to start: \(error)\n".utf8))
            exit(78)
        }
    }

    /// `ONEGATE_<SERVICE>_<KIND>_PASSWORD`, the per-service name `scripts/secrets.sh` writes.
    private func perService(_ service: String, _ kind: String) -> String {
        "ONEGATE_\(service.uppercased().replacingOccurrences(of: "-", with: "_"))_\(kind)_PASSWORD"
    }

    /// The service's database login: its own role and schema.
    public func database(for service: ServiceName) -> DatabaseConfiguration {
        DatabaseConfiguration(
            host: string("ONEGATE_DB_HOST", default: "127.0.0.1"),
            port: int("ONEGATE_DB_PORT", default: 54320),
            database: string("ONEGATE_DB_NAME", default: "onegate"),
            username: string("ONEGATE_DB_USER", default: service.rawValue),
            password: requiredSecretOrExit("ONEGATE_DB_PASSWORD", alternatives: [perService(service.rawValue, "DB")],
                                           developmentDefault: "onegate-\(service.rawValue)"),
            schema: string("ONEGATE_DB_SCHEMA", default: service.rawValue),
            maximumConnections: int("ONEGATE_DB_POOL", default: 20))
    }

    /// The service's broker login: its own user with rights on its own queues.
    public func amqp(for service: ServiceName) -> AMQPConfiguration {
        amqp(username: string("ONEGATE_AMQP_USER", default: service.rawValue), defaultUser: service.rawValue)
    }

    /// A broker login as `username`; its password from `ONEGATE_AMQP_PASSWORD` or
    /// `ONEGATE_<DEFAULTUSER>_AMQP_PASSWORD`.
    public func amqp(username: String, defaultUser: String) -> AMQPConfiguration {
        AMQPConfiguration(
            host: string("ONEGATE_AMQP_HOST", default: "127.0.0.1"),
            port: int("ONEGATE_AMQP_PORT", default: 56720),
            virtualHost: string("ONEGATE_AMQP_VHOST", default: "onegate"),
            username: username,
            password: requiredSecretOrExit("ONEGATE_AMQP_PASSWORD", alternatives: [perService(defaultUser, "AMQP")],
                                           developmentDefault: "onegate-\(defaultUser)"),
            heartbeatSeconds: int("ONEGATE_AMQP_HEARTBEAT", default: 30))
    }

    /// Unacknowledged event deliveries per consumer.
    public var prefetch: UInt16 { UInt16(clamping: int("ONEGATE_AMQP_PREFETCH", default: 64)) }

    public var logLevel: Logger.Level {
        Logger.Level(rawValue: string("ONEGATE_LOG_LEVEL", default: "info")) ?? .info
    }

    /// `json` (one object per line, for collectors) or `text` (for people).
    public var logFormat: String { string("ONEGATE_LOG_FORMAT", default: "json") }
}

/// A credential or key the profile requires and the environment does not give.
public struct MissingSecret: Error, CustomStringConvertible, Equatable {
    public let variable: String
    public let profile: String

    public init(variable: String, profile: String) {
        self.variable = variable
        self.profile = profile
    }

    public var description: String {
        "\(variable) is not set: profile '\(profile)' has no default credentials (only dev and test do). "
            + "Set \(variable) or \(variable)_FILE (scripts/secrets.sh generates one per installation; see deploy/README.md)."
    }
}
