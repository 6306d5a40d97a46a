import Contracts
import Foundation
import Logging
import Messaging
import Storage

/// Configuration read from environment variables, with defaults that match the local instances
/// started by `deploy/infra.sh` (profile `dev`). Every variable is listed in `docs/configuration.md`.
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

    /// A secret from `KEY`, or from the file named by `KEY_FILE` (Docker/Kubernetes secrets).
    public func secret(_ key: String, default fallback: String) -> String {
        if let path = values[key + "_FILE"], let text = try? String(contentsOfFile: path, encoding: .utf8) {
            return text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return string(key, default: fallback)
    }

    /// The service's database login: its own role and schema.
    public func database(for service: ServiceName) -> DatabaseConfiguration {
        DatabaseConfiguration(
            host: string("ONEGATE_DB_HOST", default: "127.0.0.1"),
            port: int("ONEGATE_DB_PORT", default: 54320),
            database: string("ONEGATE_DB_NAME", default: "onegate"),
            username: string("ONEGATE_DB_USER", default: service.rawValue),
            password: secret("ONEGATE_DB_PASSWORD", default: "onegate-\(service.rawValue)"),
            schema: string("ONEGATE_DB_SCHEMA", default: service.rawValue),
            maximumConnections: int("ONEGATE_DB_POOL", default: 20))
    }

    /// The service's broker login: its own user with rights on its own queues.
    public func amqp(for service: ServiceName) -> AMQPConfiguration {
        AMQPConfiguration(
            host: string("ONEGATE_AMQP_HOST", default: "127.0.0.1"),
            port: int("ONEGATE_AMQP_PORT", default: 56720),
            virtualHost: string("ONEGATE_AMQP_VHOST", default: "onegate"),
            username: string("ONEGATE_AMQP_USER", default: service.rawValue),
            password: secret("ONEGATE_AMQP_PASSWORD", default: "onegate-\(service.rawValue)"),
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
