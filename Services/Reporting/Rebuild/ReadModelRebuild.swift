import Foundation
import Logging
import PostgresNIO
import Storage
import ServiceKit

/// `reporting rebuild`: empties the read models and replays the whole event log into them, in
/// log order, in one transaction (readers see either the old or the rebuilt figures), showing
/// progress. Run it with the reporting service stopped or running: the transaction holds the
/// rebuild gate and an exclusive lock on the read models, so live events wait and then apply on top.
enum ReadModelRebuild {
    static let batch = 5_000

    static func run() async throws -> Int32 {
        try await OperatorCommand.withDatabase(of: .reporting) { client, logger in
            let replayed = try await client.transaction(logger: logger) { connection in
                try await rebuild(on: connection, logger: logger)
            }
            print("rebuilt read models from \(replayed) logged events")
            return 0
        }
    }

    static func rebuild(on connection: PostgresConnection, logger: Logger) async throws -> Int {
        let tables = ReadModelProjector.tables.map { "reporting." + $0 }.joined(separator: ", ")
        // Waits for the live events in flight to commit and holds the next ones back, before any
        // table is locked (see `ReadModelProjector.rebuildGate`).
        try await connection.run("SELECT pg_advisory_xact_lock(\(ReadModelProjector.rebuildGate))", logger: logger)
        try await connection.query(PostgresQuery(unsafeSQL: "LOCK TABLE \(tables) IN ACCESS EXCLUSIVE MODE"), logger: logger)
        try await connection.query(PostgresQuery(unsafeSQL: "TRUNCATE \(tables)"), logger: logger)
        var total = 0
        for try await count in try await connection.query("SELECT count(*)::int FROM reporting.event_log", logger: logger).decode(Int.self) {
            total = count
        }
        let projector = ReadModelProjector(store: ReportStore(schema: "reporting"))
        var after: Int64 = 0
        var replayed = 0
        while true {
            var rows: [(Int64, String, String)] = []
            for try await row in try await connection.query("""
                SELECT position, routing_key, body::text FROM reporting.event_log
                WHERE position > \(after) ORDER BY position LIMIT \(batch)
                """, logger: logger).decode((Int64, String, String).self) {
                rows.append(row)
            }
            guard let last = rows.last else { break }
            for (_, routingKey, body) in rows {
                try await projector.apply(routingKey: routingKey, body: Data(body.utf8), on: connection, logger: logger)
            }
            replayed += rows.count
            after = last.0
            print("replayed \(replayed)/\(total) events")
        }
        return replayed
    }
}
