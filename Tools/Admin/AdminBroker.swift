import ArgumentParser
import Logging
import Messaging
import ServiceKit

/// The operator's broker login: `ONEGATE_AMQP_USER`/`ONEGATE_AMQP_PASSWORD` (or
/// `ONEGATE_ADMIN_AMQP_PASSWORD`, as in `.data/<profile>/secrets.env`), defaulting in the dev and
/// test profiles to the local administrator created by deploy/infra.sh.
enum AdminBroker {
    static func configuration() -> AMQPConfiguration {
        let environment = ServiceEnvironment()
        return environment.amqp(username: environment.string("ONEGATE_AMQP_USER", default: "onegate-admin"), defaultUser: "admin")
    }

    static var logger: Logger {
        var logger = Logger(label: "onegate-admin")
        logger.logLevel = .error
        return logger
    }

    /// A link that waits (bounded) until it is connected.
    static func connect(confirms: Bool, prefetch: UInt16 = 0) async throws -> AMQPLink {
        let link = AMQPLink(configuration: configuration(),
                            options: LinkOptions(name: "admin", confirms: confirms, prefetch: prefetch), logger: logger)
        for _ in 0..<100 where !link.isConnected { try await Task.sleep(for: .milliseconds(100)) }
        guard link.isConnected else {
            await link.shutdown()
            throw ValidationError("cannot connect to the broker at \(configuration().host):\(configuration().port)")
        }
        return link
    }
}

