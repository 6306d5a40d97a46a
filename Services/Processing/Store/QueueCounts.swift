import Logging
import PostgresNIO

/// How many cases the work queues' tabs hold (migration 0009): `queue_counts` per (agency, state,
/// assignee, supplemented), kept by a trigger's appended changes that `compact` folds in. A count
/// is a sum over a few rows of both tables, read in one statement (one snapshot), so it is exact
/// whether or not the compactor ran.
struct QueueCounts: Sendable {
    let schema: String

    /// The groups a count covers: the agencies always, the other parts when set.
    struct Key: Sendable, Hashable {
        var agencies: [String]
        var state: String?
        /// A user id; "" for nobody assigned.
        var assignee: String?
        var supplemented: Bool?

        /// True when `group` is one of the key's.
        func covers(_ group: Group) -> Bool {
            agencies.contains(group.agency) && (state.map { $0 == group.state } ?? true)
                && (assignee.map { $0 == group.assignee } ?? true) && (supplemented.map { $0 == group.supplemented } ?? true)
        }
    }

    /// One group's number of cases.
    struct Group: Sendable, Hashable {
        var agency: String
        var state: String
        var assignee: String
        var supplemented: Bool
        var dossiers: Int
    }

    /// Every non-empty group of these agencies, in one statement (for several keys at once).
    func groups(of agencies: [String], on connection: PostgresConnection, logger: Logger) async throws -> [Group] {
        var groups: [Group] = []
        for try await (agency, state, assignee, supplemented, dossiers) in try await connection.query("""
            SELECT agency_code, state, assignee, supplemented, sum(n)::bigint FROM (
                SELECT agency_code, state, assignee, supplemented, dossiers AS n FROM \(unescaped: schema).queue_counts
                WHERE agency_code = ANY(\(agencies))
                UNION ALL
                SELECT agency_code, state, assignee, supplemented, change FROM \(unescaped: schema).queue_count_changes
                WHERE agency_code = ANY(\(agencies))) AS parts
            GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0
            """, logger: logger).decode((String, String, String, Bool, Int64).self) {
            groups.append(Group(agency: agency, state: state, assignee: assignee, supplemented: supplemented, dossiers: Int(dossiers)))
        }
        return groups
    }

    /// The number of cases in the groups of `key`.
    func count(_ key: Key, on connection: PostgresConnection, logger: Logger) async throws -> Int {
        var bindings = PostgresBindings()
        var conditions: [String] = []
        bindings.append(key.agencies)
        conditions.append("agency_code = ANY($1)")
        if let state = key.state {
            bindings.append(state)
            conditions.append("state = $\(bindings.count)")
        }
        if let assignee = key.assignee {
            bindings.append(assignee)
            conditions.append("assignee = $\(bindings.count)")
        }
        if let supplemented = key.supplemented {
            bindings.append(supplemented)
            conditions.append("supplemented = $\(bindings.count)")
        }
        let condition = conditions.joined(separator: " AND ")
        let sql = """
            SELECT coalesce(sum(n), 0)::bigint FROM (
                SELECT dossiers AS n FROM \(schema).queue_counts WHERE \(condition)
                UNION ALL
                SELECT change FROM \(schema).queue_count_changes WHERE \(condition)) AS groups
            """
        for try await total in try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger)
            .decode(Int64.self) {
            return Int(total)
        }
        return 0
    }

    /// Folds the appended changes into the counts; how many changes it folded. One compactor at a
    /// time (an advisory lock; another instance's pass is simply skipped).
    func compact(_ database: PostgresClient, logger: Logger) async throws -> Int {
        try await database.transaction(logger: logger) { connection in
            var locked = false
            for try await got in try await connection.query(
                "SELECT pg_try_advisory_xact_lock(hashtext(\(schema + ".queue_counts")))", logger: logger).decode(Bool.self) {
                locked = got
            }
            guard locked else { return 0 }
            var folded = 0
            for try await moved in try await connection.query("""
                WITH moved AS (DELETE FROM \(unescaped: schema).queue_count_changes
                               RETURNING agency_code, state, assignee, supplemented, change),
                     folded AS (INSERT INTO \(unescaped: schema).queue_counts AS c (agency_code, state, assignee, supplemented, dossiers)
                                SELECT agency_code, state, assignee, supplemented, sum(change) FROM moved GROUP BY 1, 2, 3, 4
                                ON CONFLICT (agency_code, state, assignee, supplemented)
                                DO UPDATE SET dossiers = c.dossiers + EXCLUDED.dossiers)
                SELECT count(*)::bigint FROM moved
                """, logger: logger).decode(Int64.self) {
                folded = Int(moved)
            }
            if folded > 0 {
                try await connection.query("DELETE FROM \(unescaped: schema).queue_counts WHERE dossiers = 0", logger: logger)
            }
            return folded
        }
    }
}
