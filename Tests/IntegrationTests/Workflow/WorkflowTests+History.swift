import PostgresNIO
import Testing

extension Integration.WorkflowTests {
    /// The case history is an audit trail: processing's own role cannot update, delete or
    /// truncate it (each attempt runs in a transaction that is rolled back whatever happens).
    func historyIsAppendOnly() async throws {
        try await withPostgres(role: "processing") { client in
            for statement in ["UPDATE processing.case_history SET action = action", "DELETE FROM processing.case_history",
                              "TRUNCATE processing.case_history CASCADE"] {
                #expect(await AuditTrail.refuses(client, statement), "\(statement) is refused")
            }
        }
    }
}
