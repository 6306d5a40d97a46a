import Foundation

/// The bench instance's PostgreSQL as its superuser over the unix socket (as `deploy/infra.sh psql`
/// does): the commit counter for T, and scenario f, the pgbench baseline.
struct PostgresBaseline: Sendable {
    /// PostgreSQL's bin directory (psql, pgbench).
    let bin: String
    let socketDirectory: String
    let port: Int
    static let database = "bench_baseline"

    /// What pgbench measured.
    struct Result: Codable, Sendable {
        /// Small durable write transactions per pgbench transaction (= per submission of ours).
        var transactionsPerSubmission: Int
        var clients: Int
        var seconds: Int
        /// pgbench transactions per second (without connection time): the baseline submissions/s.
        var tps: Double
        var latencyAverageMs: Double?
        var transactions: Int?
        var failed: Int?
    }

    /// Host, port and user; the database goes last as the positional argument (for pgbench `-d` means debug).
    private func connection(_ database: String) -> [String] {
        ["-h", socketDirectory, "-p", String(port), "-U", "postgres", database]
    }

    @discardableResult
    func psql(_ sql: String, database: String = "postgres") async throws -> String {
        let output = try await Shell.run("\(bin)/psql", ["-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1"] + connection(database) + ["-c", sql])
        guard output.status == 0 else { throw BenchFailure("psql failed (\(output.status)): \(output.stderr.prefix(400))") }
        return output.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Committed transactions of every database of the cluster so far (`pg_stat_database`); this
    /// counts all commits, read-only ones included.
    func totalCommits() async throws -> Int64 {
        let text = try await psql("SELECT sum(xact_commit)::bigint FROM pg_stat_database")
        guard let value = Int64(text) else { throw BenchFailure("unexpected xact_commit sum: \(text)") }
        return value
    }

    /// Runs pgbench with `clients` clients for `seconds`, each pgbench transaction being
    /// `transactions` × (BEGIN; INSERT one small row; COMMIT) in a database of its own.
    func run(transactions: Int, clients: Int, seconds: Int, threads: Int) async throws -> Result {
        let exists = try await psql("SELECT 1 FROM pg_database WHERE datname = '\(Self.database)'")
        if exists.isEmpty { try await psql("CREATE DATABASE \(Self.database)") }
        try await psql("""
            CREATE TABLE IF NOT EXISTS baseline_rows (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(), payload text NOT NULL);
            TRUNCATE baseline_rows;
            """, database: Self.database)
        var script = "\\set r random(1, 1000000000)\n"
        for _ in 0..<max(1, transactions) {
            script += "BEGIN;\nINSERT INTO baseline_rows (payload) VALUES ('dossier ' || :r);\nCOMMIT;\n"
        }
        let scriptURL = FileManager.default.temporaryDirectory.appendingPathComponent("onegate-bench-\(UUID().uuidString).sql")
        try script.write(to: scriptURL, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: scriptURL) }
        let output = try await Shell.run("\(bin)/pgbench", [
            "-n", "-M", "prepared", "-c", String(clients), "-j", String(max(1, min(threads, clients))), "-T", String(seconds),
            "-f", scriptURL.path] + connection(Self.database))
        guard output.status == 0, let tps = Self.number(after: "tps = ", in: output.stdout) else {
            throw BenchFailure("pgbench failed (\(output.status)): \(output.stderr.suffix(600)) \(output.stdout.suffix(600))")
        }
        return Result(transactionsPerSubmission: max(1, transactions), clients: clients, seconds: seconds, tps: tps,
                      latencyAverageMs: Self.number(after: "latency average = ", in: output.stdout),
                      transactions: Self.number(after: "number of transactions actually processed: ", in: output.stdout).map { Int($0) },
                      failed: Self.number(after: "number of failed transactions: ", in: output.stdout).map { Int($0) })
    }

    /// The number that follows `label` on pgbench's report.
    static func number(after label: String, in text: String) -> Double? {
        guard let range = text.range(of: label) else { return nil }
        let digits = text[range.upperBound...].prefix { $0.isNumber || $0 == "." }
        return Double(digits)
    }
}
