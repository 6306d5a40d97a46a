import Logging
import PostgresNIO

extension PostgresConnection {
    /// Runs a statement whose rows do not matter to its end (`SELECT pg_advisory_xact_lock(…)`).
    /// `query` returns once the rows start, so an error the server raises while executing (a
    /// deadlock found while waiting for a lock) would otherwise be lost and surface only at the
    /// next statement, as "current transaction is aborted".
    public func run(_ statement: PostgresQuery, logger: Logger) async throws {
        for try await _ in try await query(statement, logger: logger) {}
    }
}
