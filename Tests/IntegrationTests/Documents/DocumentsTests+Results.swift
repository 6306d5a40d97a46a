import Foundation
import PostgresNIO
import Testing

extension DocumentSession {
    /// A dossier code of the justice department for today, unused by earlier runs.
    static func freshDossierCode() -> String {
        let formatter = DateFormatter()
        formatter.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")
        formatter.dateFormat = "yyMMdd"
        return "\(Desk.justice)-\(formatter.string(from: Date()))-\(Int.random(in: 10_000...99_999))"
    }

    func userID(_ user: String) async throws -> String {
        try #require(try await desk.get("/api/v1/me", as: user).json?["id"] as? String)
    }

    func resultsAreSignedVerifiedAndInvalidated() async throws {
        // A real case of the justice department, handled up to the leader's approval.
        let dossier = try await desk.submit()
        try await desk.bringIntoHandling(dossier)
        try await desk.act(dossier, "complete-step", as: "specialist")
        let citizen = try await userID("citizen")
        let otherLeader = try await desk.leaderOfAnotherAgency()
        let file = DocumentFixtures.pdf("Giay chung nhan ket qua", size: 50_000)
        let document = try await stored(file, name: "ket-qua.pdf", as: "leader")
        let documentID = try #require(document["id"] as? String)
        let issue = { (user: String, extra: String) in
            try await HTTP.postJSON(self.cluster.url("/api/v1/results"),
                                    #"{"dossierCode": "\#(dossier)", "documentId": "\#(documentID)"\#(extra)}"#,
                                    headers: try await self.desk.headers(user))
        }
        #expect(try await issue("citizen", "").status == 403, "citizens do not issue results")
        let early = try await issue("leader", "")
        #expect(early.status == 409, "no result before approval: \(String(decoding: early.body, as: UTF8.self))")
        try await desk.act(dossier, "approve", as: "leader")
        #expect(try await issue("leader", "").status == 409, "an approved case issues its result with issue-result")
        let other = try await issue(otherLeader, "")
        #expect(other.status == 403, "a leader of another agency: \(String(decoding: other.body, as: UTF8.self))")
        // The workflow issues the first result (KQ1); a further one follows it.
        let first = try await desk.uploadPDF(of: dossier, as: "leader")
        try await desk.act(dossier, "issue-result", as: "leader", #"{"resultDocuments": ["\#(first)"]}"#)
        #expect(try await issue(otherLeader, "").status == 403, "still not another agency's leader")
        let leaderID = try await userID("leader")
        let claimed = try await issue("leader", #", "ownerId": "\#(leaderID)""#)
        #expect(claimed.status == 400, "the owner is the case's, not the body's: \(String(decoding: claimed.body, as: UTF8.self))")
        let issued = try await issue("leader", "")
        #expect(issued.status == 201, "issue: \(String(decoding: issued.body, as: UTF8.self))")
        let code = try #require(issued.json?["code"] as? String)
        #expect(code == "\(dossier)-KQ2", "after processing's KQ1")
        let firstSigned = await eventually { (try? await self.desk.get("/api/v1/results/\(dossier)-KQ1", as: "citizen").status) == 200 }
        #expect(firstSigned, "processing's KQ1 is still registered from its event")
        #expect(try await desk.get("/api/v1/results/\(code)", as: "citizen").status == 200, "owned by the case's applicant \(citizen)")

        // The owner fetches file, signature and certificate; openssl verifies, and fails on one byte changed.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("onegate-cms-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let content = try await desk.get("/api/v1/documents/\(documentID)", as: "citizen")
        #expect(content.status == 200 && content.body == file, "the owner reads the result")
        let signature = try await desk.get("/api/v1/documents/\(documentID)/signature", as: "citizen")
        #expect(signature.status == 200 && signature.contentType == "application/pkcs7-signature")
        let certificate = try await desk.get("/api/v1/documents/\(documentID)/certificate", as: "citizen")
        #expect(certificate.status == 200)
        let paths = (file: directory.appendingPathComponent("result.pdf"), signature: directory.appendingPathComponent("result.p7s"),
                     certificate: directory.appendingPathComponent("agency.pem"), changed: directory.appendingPathComponent("changed.pdf"))
        try content.body.write(to: paths.file)
        try signature.body.write(to: paths.signature)
        try certificate.body.write(to: paths.certificate)
        var changed = content.body
        changed[changed.count / 2] ^= 0x01
        try changed.write(to: paths.changed)
        let verify = { (content: URL) throws -> Int32 in
            try Shell.runStatus("/usr/bin/openssl", ["cms", "-verify", "-binary", "-content", content.path, "-inform", "DER",
                                                     "-in", paths.signature.path, "-CAfile", paths.certificate.path, "-out", "/dev/null"]).0
        }
        #expect(try verify(paths.file) == 0, "openssl cms -verify accepts the agency's signature")
        #expect(try verify(paths.changed) != 0, "and refuses it after one byte changed")

        // The verification endpoint (public).
        let good = try await HTTP.request(.post, cluster.url("/api/v1/results/\(code)/verify"), body: file,
                                          headers: ["Content-Type": "application/pdf"])
        #expect(good.status == 200 && good.json?["valid"] as? Bool == true && good.json?["signatureValid"] as? Bool == true)
        let bad = try await HTTP.request(.post, cluster.url("/api/v1/results/\(code)/verify"), body: changed,
                                         headers: ["Content-Type": "application/pdf"])
        #expect(bad.json?["fileMatches"] as? Bool == false && bad.json?["valid"] as? Bool == false)

        // In the owner's data store.
        let library = try await desk.get("/api/v1/me/documents", as: "citizen")
        let results = library.json?["results"] as? [[String: Any]] ?? []
        #expect(results.contains { $0["code"] as? String == code })

        // Invalidated: stays stored, reads as invalidated.
        #expect(try await HTTP.postJSON(cluster.url("/api/v1/results/\(code)/invalidate"), #"{"reason": "Cấp sai thông tin"}"#,
                                        headers: try await desk.headers("officer")).status == 403)
        #expect(try await HTTP.postJSON(cluster.url("/api/v1/results/\(code)/invalidate"), #"{"reason": "Cấp sai thông tin"}"#,
                                        headers: try await desk.headers(otherLeader)).status == 403, "another agency's leader")
        let invalidated = try await HTTP.postJSON(cluster.url("/api/v1/results/\(code)/invalidate"), #"{"reason": "Cấp sai thông tin"}"#,
                                                  headers: try await desk.headers("leader"))
        #expect(invalidated.status == 200 && invalidated.json?["invalidated"] as? Bool == true)
        let after = try await HTTP.request(.post, cluster.url("/api/v1/results/\(code)/verify"), body: file,
                                           headers: ["Content-Type": "application/pdf"])
        #expect(after.json?["invalidated"] as? Bool == true && after.json?["valid"] as? Bool == false
                && after.json?["signatureValid"] as? Bool == true)
        #expect(try await desk.get("/api/v1/results/\(code)", as: "citizen").json?["invalidationReason"] as? String == "Cấp sai thông tin")
        #expect(try await desk.get("/api/v1/documents/\(documentID)", as: "citizen").status == 200, "still stored")

        // A digitised copy records who and when, and is signed too.
        let digitised = try await stored(DocumentFixtures.pdf("Ban scan CMND"), as: "officer",
                                         query: "?dossierCode=\(dossier)&componentCode=GTTT&digitised=true")
        #expect(digitised["digitisedBy"] as? String == (try await userID("officer")))
        #expect(digitised["digitisedAt"] != nil && digitised["signed"] as? Bool == true)
        #expect(try await upload(DocumentFixtures.pdf("x"), type: "application/pdf", name: "x.pdf", as: "citizen",
                                 query: "?dossierCode=\(dossier)&componentCode=GTTT&digitised=true").status == 403)
    }
}

extension Desk {
    /// An agency leader of the provincial public-service centre (agency 000.00.00.H30), not of
    /// the justice department: the demo leader's copy (same password) in unit H30-PVHCC.
    func leaderOfAnotherAgency() async throws -> String {
        let name = "leader-pvhcc"
        try await withPostgres(role: "identity") { client in
            try await client.query("""
                INSERT INTO identity.users (id, username, display_name, kind, password_hash)
                SELECT \(UUID()), \(name), 'Đỗ Văn Lãnh Đạo', kind, password_hash FROM identity.users WHERE username = 'leader'
                ON CONFLICT (username) DO NOTHING
                """, logger: testLogger)
            try await client.query("""
                INSERT INTO identity.user_roles (user_id, role, org_unit_id)
                SELECT u.id, 'agency-leader', o.id FROM identity.users u, identity.org_units o
                WHERE u.username = \(name) AND o.code = 'H30-PVHCC' ON CONFLICT DO NOTHING
                """, logger: testLogger)
        }
        return name
    }

    /// A second applicant: a copy of the demo citizen (same password) under another name and id.
    /// Administrators cannot create citizens (they register through VNeID), so the test writes
    /// the row itself.
    func secondCitizen() async throws -> String {
        let name = "citizen-docs"
        try await withPostgres(role: "identity") { client in
            let id = UUID()
            try await client.query("""
                INSERT INTO identity.users (id, username, display_name, kind, password_hash)
                SELECT \(id), \(name), 'Trần Thị Bình', kind, password_hash FROM identity.users WHERE username = 'citizen'
                ON CONFLICT (username) DO NOTHING
                """, logger: testLogger)
            try await client.query("""
                INSERT INTO identity.user_roles (user_id, role, org_unit_id)
                SELECT u.id, r.role, r.org_unit_id FROM identity.users u, identity.user_roles r
                JOIN identity.users c ON c.id = r.user_id AND c.username = 'citizen'
                WHERE u.username = \(name) ON CONFLICT DO NOTHING
                """, logger: testLogger)
        }
        return name
    }
}
