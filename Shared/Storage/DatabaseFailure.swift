import PostgresNIO

/// How a database error should be met: waited out, refused as bad input, or treated as a fault.
public enum DatabaseFailure {
    /// SQLSTATE classes and codes that pass when the server is back or the conflict is gone:
    /// connection exceptions (08), shutdown and start-up (57P01–57P03), serialization failures and
    /// deadlocks (40001, 40P01), insufficient resources (53), lock not available (55P03), I/O (58030).
    static let transientStates: Set<String> = ["57P01", "57P02", "57P03", "40001", "40P01", "55P03", "58030"]
    static let transientClasses: Set<String> = ["08", "53"]

    /// Whether `error` is a database failure that retrying later can cure. An error without a
    /// server answer (connection refused, closed or reset, a pool that cannot connect) is
    /// transient; so is a failed transaction whose cause is.
    public static func isTransient(_ error: any Error) -> Bool {
        if let error = error as? PostgresTransactionError {
            return [error.beginError, error.closureError, error.commitError, error.rollbackError]
                .compactMap { $0 }.contains(where: isTransient)
        }
        guard let error = error as? PSQLError else { return false }
        // No server answer: the connection failed or closed (a refused query would carry one).
        guard let state = sqlState(error) else { return true }
        return transientStates.contains(state) || transientClasses.contains(String(state.prefix(2)))
    }

    /// Whether the server refused a value as invalid data (class 22: a NUL character, a string
    /// too long, a number out of range, a malformed date): the request's fault, not the server's.
    public static func isInvalidInput(_ error: any Error) -> Bool {
        if let error = error as? PostgresTransactionError {
            return error.closureError.map(isInvalidInput) ?? false
        }
        guard let error = error as? PSQLError, let state = sqlState(error) else { return false }
        return state.hasPrefix("22")
    }

    static func sqlState(_ error: PSQLError) -> String? {
        error.serverInfo?[.sqlState]
    }
}
