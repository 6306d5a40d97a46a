import Logging
import PostgresNIO

extension PostgresClient {
    /// Runs `body` in a transaction, like `withTransaction`, but rethrows the body's own error
    /// (a `Problem`, a validation failure…) instead of postgres-nio's wrapper once the rollback
    /// succeeded, so callers can tell a refused request from a database failure.
    public func transaction<Result: Sendable>(
        logger: Logger, isolation: isolated (any Actor)? = #isolation,
        _ body: (PostgresConnection) async throws -> sending Result
    ) async throws -> sending Result {
        do {
            return try await withTransaction(logger: logger, isolation: isolation, body)
        } catch let error as PostgresTransactionError {
            if let closureError = error.closureError, error.rollbackError == nil, error.beginError == nil {
                throw closureError
            }
            throw error
        }
    }
}
