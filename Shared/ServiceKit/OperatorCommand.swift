import Contracts
import Logging
import PostgresNIO

/// Support for a service's operator subcommands (`identity verify-audit`, `reporting rebuild`…):
/// a quiet logger and a database pool, logged in as the service, that lives for the command.
public enum OperatorCommand {
    public static func withDatabase<T: Sendable>(
        of service: ServiceName, _ body: @Sendable @escaping (PostgresClient, Logger) async throws -> T
    ) async throws -> T {
        var logger = Logger(label: "onegate.\(service.rawValue).command")
        logger.logLevel = .warning
        let client = ServiceEnvironment().database(for: service).makeClient(logger: logger)
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                await client.run()
                return nil
            }
            defer { group.cancelAll() }
            return try await body(client, logger)
        }
    }
}
