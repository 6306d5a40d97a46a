import Foundation
import PostgresNIO
import Testing

extension DocumentSession {
    /// Placing and lifting a legal hold is recorded in documents' own keyed, append-only trail
    /// (who, when, the hold before and after); a refused attempt records nothing.
    func legalHoldChangesAreAudited(_ document: String) async throws {
        let adminID = try #require(try await desk.get("/api/v1/me", as: "admin").json?["id"] as? String)
        let lifted = try await HTTP.postJSON(cluster.url("/api/v1/documents/\(document)/legal-hold"), #"{"hold": false}"#,
                                             headers: try await desk.headers("admin"))
        #expect(lifted.status == 200 && lifted.json?["legalHold"] as? Bool == false)
        let placed = try await HTTP.postJSON(cluster.url("/api/v1/documents/\(document)/legal-hold"), #"{"hold": true}"#,
                                             headers: try await desk.headers("admin"))
        #expect(placed.status == 200 && placed.json?["legalHold"] as? Bool == true)
        let entries = try await withPostgres(role: "documents") { client in
            var rows: [(String, String, Date, String)] = []
            for try await row in try await client.query("""
                SELECT actor, action, at, detail FROM documents.audit_log WHERE subject = \(document.lowercased()) ORDER BY seq
                """, logger: testLogger).decode((String, String, Date, String).self) { rows.append(row) }
            return rows
        }
        #expect(entries.map(\.1) == ["legal-hold.placed", "legal-hold.lifted", "legal-hold.placed"], "\(entries)")
        #expect(entries.allSatisfy { $0.0 == adminID }, "the administrator is the actor")
        #expect(entries.allSatisfy { abs($0.2.timeIntervalSinceNow) < 120 })
        #expect(entries.map { $0.3.components(separatedBy: "; ").first ?? "" }
                == ["legalHold=false -> true", "legalHold=true -> false", "legalHold=false -> true"], "\(entries)")
        #expect(entries.allSatisfy { $0.3.contains("filename=held.pdf") })
        try await AuditTrail(service: "documents", table: "documents.audit_log").provesItsProtections()
    }
}
