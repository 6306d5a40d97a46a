import Logging
import PostgresNIO

/// Applies a service's migrations at start-up. Several instances may start together: an advisory
/// lock lets one apply while the others wait, then find nothing left to do. Each migration runs in
/// its own transaction together with its row in `<schema>.schema_migrations`.
public struct MigrationRunner: Sendable {
    public let schema: String
    public let migrations: [Migration]

    /// `migrations` are the service's own; the outbox and inbox tables come first, built in.
    public init(schema: String, migrations: [Migration]) {
        self.schema = schema
        self.migrations = migrations
    }

    /// Applies what is missing; returns the versions applied now.
    @discardableResult
    public func run(on client: PostgresClient, logger: Logger) async throws -> [Int] {
        try await client.withConnection { connection in
            let lockKey = "onegate.migrations.\(schema)"
            try await connection.query("SELECT pg_advisory_lock(hashtext(\(lockKey)))", logger: logger)
            do {
                let applied = try await apply(on: connection, logger: logger)
                try await connection.query("SELECT pg_advisory_unlock(hashtext(\(lockKey)))", logger: logger)
                return applied
            } catch {
                _ = try? await connection.query("SELECT pg_advisory_unlock(hashtext(\(lockKey)))", logger: logger)
                throw error
            }
        }
    }

    private func apply(on connection: PostgresConnection, logger: Logger) async throws -> [Int] {
        try await connection.query("""
            CREATE TABLE IF NOT EXISTS \(unescaped: schema).schema_migrations (
                version integer PRIMARY KEY,
                name text NOT NULL,
                checksum text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now())
            """, logger: logger)
        var known: [Int: String] = [:]
        for try await (version, checksum) in try await connection.query(
            "SELECT version, checksum FROM \(unescaped: schema).schema_migrations", logger: logger
        ).decode((Int, String).self) {
            known[version] = checksum
        }
        var appliedNow: [Int] = []
        for migration in InfrastructureMigrations.all(schema: schema) + migrations {
            if let checksum = known[migration.version] {
                guard checksum == migration.checksum else {
                    throw MigrationError.changedAfterApplying(version: migration.version, name: migration.name)
                }
                continue
            }
            try await connection.withTransaction(logger: logger) { transaction in
                for statement in SQLScript.statements(migration.sql) {
                    try await transaction.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await transaction.query("""
                    INSERT INTO \(unescaped: schema).schema_migrations (version, name, checksum)
                    VALUES (\(migration.version), \(migration.name), \(migration.checksum))
                    """, logger: logger)
            }
            logger.info("migration applied", metadata: ["schema": "\(schema)", "version": "\(migration.version)",
                                                         "name": "\(migration.name)"])
            appliedNow.append(migration.version)
        }
        return appliedNow
    }
}
