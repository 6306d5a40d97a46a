import Foundation
import Testing

extension Integration {
    /// What `scripts/fuzz` (schemathesis over the OpenAPI document) found, each answered as
    /// documented now instead of with a 500 (docs/fuzz.md).
    @Suite struct FuzzFindingsTests {
        @Test func dueWithinHoursFiltersTheWorkQueueForOfficersAndApplicants() async throws {
            let cluster = try await ServiceCluster.start()
            do {
                let signIns = SignIns(cluster)
                for user in ["officer", "citizen"] {
                    let headers = try await signIns.headers(user)
                    // make_interval(hours => …) takes an integer: a bigint bind failed in PostgreSQL (500).
                    let soon = try await HTTP.request(.get, cluster.url("/api/v1/dossiers?dueWithinHours=1"), headers: headers)
                    #expect(soon.status == 200, "\(user): \(soon.status) \(String(decoding: soon.body, as: UTF8.self))")
                    let most = try await HTTP.request(.get, cluster.url("/api/v1/dossiers?dueWithinHours=720&overdue=false"), headers: headers)
                    #expect(most.status == 200, "\(user): \(most.status)")
                    let beyond = try await HTTP.request(.get, cluster.url("/api/v1/dossiers?dueWithinHours=721"), headers: headers)
                    #expect(beyond.status == 400, "\(user): \(beyond.status)")
                }
            } catch {
                Issue.record(error)
            }
            _ = await cluster.stop()
        }
    }
}
