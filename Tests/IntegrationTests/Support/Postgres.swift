import Logging
import PostgresNIO
import Storage

/// Runs `body` with a pooled client logged in as `role`, and shuts the pool down afterwards.
@discardableResult
func withPostgres<T: Sendable>(role: String, _ body: @Sendable @escaping (PostgresClient) async throws -> T) async throws -> T {
    let client = TestEnvironment.shared.database(role: role).makeClient(logger: testLogger)
    return try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask {
            await client.run()
            return nil
        }
        defer { group.cancelAll() }
        try await Task.sleep(for: .milliseconds(20))  // let the pool start before the first lease
        let result = try await body(client)
        return result
    }
}

extension PostgresClient {
    /// The single integer a query returns.
    func integer(_ query: PostgresQuery) async throws -> Int {
        for try await value in try await self.query(query, logger: testLogger).decode(Int.self) { return value }
        return 0
    }
}
