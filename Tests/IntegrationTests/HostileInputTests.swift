import Foundation
import Testing

extension Integration {
    /// Query strings an attacker would send (issue 14, defect 2): answered 400, no service falls over.
    @Suite struct HostileInputTests {
        static let hugePage = "9223372036854775807"

        @Test func hostileQueryStringsAreRefusedAndNoServiceFallsOver() async throws {
            let cluster = try await ServiceCluster.start()
            do {
                let desk = SignIns(cluster)
                let signedIn = try await desk.headers("admin")
                let officer = try await desk.headers("officer")
                let paged: [(String, [String: String])] = [
                    ("/api/v1/procedures", [:]), ("/api/v1/catalogs/sectors", [:]), ("/api/v1/dossiers", officer),
                    ("/api/v1/users", signedIn), ("/api/v1/reports/overdue", signedIn),
                    ("/api/v1/subscriptions/\(UUID().uuidString)/deliveries", signedIn),
                ]
                for (path, headers) in paged {
                    for page in [Self.hugePage, "10001", "0", "x"] {
                        let result = try await get(cluster, "\(path)?page=\(page)", headers: headers)
                        #expect(result.status == 400 && result.problemFields == ["page"], "\(path)?page=\(page): \(result.status)")
                    }
                    let tooLarge = try await get(cluster, "\(path)?pageSize=\(Self.hugePage)", headers: headers)
                    #expect(tooLarge.status == 400 && tooLarge.problemFields == ["pageSize"], "\(path) pageSize: \(tooLarge.status)")
                }
                for path in ["/api/v1/procedures?q=a%00b", "/api/v1/catalogs/sectors?q=a%00b", "/api/v1/procedures?q=%1B%5B2J"] {
                    let result = try await get(cluster, path)
                    #expect(result.status == 400 && result.problemFields == ["q"], "\(path): \(result.status)")
                }
                let longAssignee = String(repeating: "a", count: 128)
                let queue = try await get(cluster, "/api/v1/dossiers?assignee=\(longAssignee)", headers: officer)
                #expect(queue.status == 200, "a long assignee is only a name nobody has: \(queue.status)")
                let nulAssignee = try await get(cluster, "/api/v1/dossiers?assignee=a%00b", headers: officer)
                #expect(nulAssignee.status == 400, "\(nulAssignee.status)")
                let longQuery = try await get(cluster, "/api/v1/procedures?q=" + String(repeating: "x", count: 5_000))
                #expect(longQuery.status == 400, "\(longQuery.status)")

                // A NUL inside a JSON body is refused by the service that owns the data (400, not 500).
                let submission = try await HTTP.postJSON(cluster.url("/api/v1/dossiers"), #"""
                    {"procedureCode": "1.001193", "agencyCode": "000.00.01.H30", "channel": "online",
                     "applicant": {"kind": "citizen", "name": "Nguy\u0000n", "idNumber": "001203004567"}, "form": {}, "attachments": []}
                    """#)
                #expect(submission.status < 500, "\(submission.status): \(String(decoding: submission.body, as: UTF8.self))")

                let ready = try await HTTP.request(.get, cluster.url("/ready"))
                #expect(ready.status == 200, "every service still up: \(String(decoding: ready.body, as: UTF8.self))")
                for (name, process) in cluster.processes { #expect(process.isRunning, "\(name) still running") }
            } catch {
                Issue.record(error)
            }
            _ = await cluster.stop()
        }

        func get(_ cluster: ServiceCluster, _ pathAndQuery: String, headers: [String: String] = [:]) async throws -> HTTP.Result {
            try await HTTP.request(.get, try #require(URL(string: pathAndQuery, relativeTo: cluster.baseURL)?.absoluteURL), headers: headers)
        }
    }
}
