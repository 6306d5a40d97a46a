import Foundation
import Testing

extension Integration.EndToEndTests {
    /// Issue 14, defect 8: reports are scoped to the caller's province and units by reporting
    /// itself. The demo province H30's administrator cannot read province H62's agencies, nor H62's
    /// administrator (`admin.h62`) H30's — 403 naming the agency on every report and its CSV form;
    /// without an agency each sees only their own province.
    func reportsStayWithinTheCallersProvince(_ cluster: ServiceCluster) async throws {
        let signIns = SignIns(cluster)
        let period = "from=2026-01-01&to=2026-12-31"
        let reports = ["summary?\(period)", "summary?\(period)&format=csv", "statistics?\(period)&groupBy=procedure",
                       "overdue?dueWithinHours=24", "officers?\(period)", "procedures?\(period)", "dashboard?weeks=2"]
        for (user, own, foreign) in [("admin", "000.00.01.H30", "000.00.00.H62"), ("admin.h62", "000.00.00.H62", "000.00.01.H30"),
                                     ("supervisor", "000.00.01.H30", "000.00.00.H62"), ("leader", "000.00.01.H30", "000.00.00.H30")] {
            let headers = try await signIns.headers(user)
            for report in reports {
                let refused = try await HTTP.request(.get, cluster.url("/api/v1/reports/\(report)&agency=\(foreign)"), headers: headers)
                #expect(refused.status == 403, "\(user) reads \(foreign) in \(report): \(refused.status)")
                let allowed = try await HTTP.request(.get, cluster.url("/api/v1/reports/\(report)&agency=\(own)"), headers: headers)
                #expect(allowed.status == 200, "\(user) reads \(own) in \(report): \(allowed.status)")
            }
            let unfiltered = try await HTTP.request(.get, cluster.url("/api/v1/reports/summary?\(period)"), headers: headers)
            let groups = ((unfiltered.json?["items"] as? [[String: Any]]) ?? []).compactMap { $0["group"] as? String }
            let province = String(own.suffix(3))
            #expect(groups.allSatisfy { $0.hasSuffix(".\(province)") }, "\(user) sees only province \(province): \(groups)")
            let overdue = try await HTTP.request(.get, cluster.url("/api/v1/reports/overdue?dueWithinHours=720&pageSize=200"), headers: headers)
            let agencies = ((overdue.json?["items"] as? [[String: Any]]) ?? []).compactMap { $0["agencyCode"] as? String }
            #expect(agencies.allSatisfy { $0.hasSuffix(".\(province)") }, "\(user)'s overdue list: \(agencies)")
        }
        // The demo province's dossiers are counted for its administrator, and for nobody in H62.
        let h30 = try await HTTP.request(.get, cluster.url("/api/v1/reports/summary?\(period)&agency=000.00.01.H30"),
                                         headers: try await signIns.headers("admin"))
        #expect(((h30.json?["total"] as? [String: Any])?["received"] as? [String: Any])?["total"] as? Int ?? 0 > 0)
        let h62 = try await HTTP.request(.get, cluster.url("/api/v1/reports/summary?\(period)"), headers: try await signIns.headers("admin.h62"))
        #expect(h62.status == 200)
        #expect(!String(decoding: h62.body, as: UTF8.self).contains("H30"))
    }
}
