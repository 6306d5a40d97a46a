import Contracts
import Foundation
import Logging
import PostgresNIO
import ServiceLifecycle

extension ServiceRuntime {
    /// Loads another service's snapshot over RPC and stores it in one transaction, retrying
    /// (for about ten minutes, backing off to 5 s) while that service is not answering yet; then
    /// reports `readiness` ready. Call it once the service's event queue is bound, so nothing
    /// announced meanwhile is missed. Gives up at once when the service shuts down.
    public func loadSnapshot<Reply: Codable & Sendable>(
        _ readiness: String, from service: ServiceName, _ operation: String, as reply: Reply.Type,
        store: @escaping @Sendable (Reply, PostgresConnection) async throws -> Void
    ) async {
        await cancelWhenGracefulShutdown {
            await self.retryLoading(readiness, from: service, operation, as: reply, store: store)
        }
    }

    private func retryLoading<Reply: Codable & Sendable>(
        _ readiness: String, from service: ServiceName, _ operation: String, as reply: Reply.Type,
        store: @escaping @Sendable (Reply, PostgresConnection) async throws -> Void
    ) async {
        for attempt in 0..<120 where !Task.isCancelled {
            do {
                let snapshot = try await request(service, operation, Empty(), as: reply)
                try await database.transaction(logger: logger) { connection in
                    try await store(snapshot, connection)
                }
                logger.info("snapshot loaded", metadata: ["snapshot": "\(readiness)", "from": "\(service.operation(operation))"])
                setReadiness(readiness, true)
                return
            } catch {
                if attempt % 10 == 0 {
                    logger.warning("cannot load the snapshot yet; retrying",
                                   metadata: ["snapshot": "\(readiness)", "error": "\(error)"])
                }
                try? await Task.sleep(for: .seconds(min(5, 1 + attempt / 5)))
            }
        }
    }
}
