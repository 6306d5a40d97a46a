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
        let dossier = Self.freshDossierCode()
        let citizen = try await userID("citizen")
        let file = DocumentFixtures.pdf("Giay chung nhan ket qua", size: 50_000)
        let document = try await stored(file, name: "ket-qua.pdf", as: "leader")
        let documentID = try #require(document["id"] as? String)
        let refused = try await HTTP.postJSON(cluster.url("/api/v1/results"), #"{"dossierCode": "\#(dossier)", "documentId": "\#(documentID)"}"#,
                                              headers: try await desk.headers("citizen"))
        #expect(refused.status == 403, "citizens do not issue results")
        let issued = try await HTTP.postJSON(cluster.url("/api/v1/results"),
                                             #"{"dossierCode": "\#(dossier)", "documentId": "\#(documentID)", "ownerId": "\#(citizen)"}"#,
                                             headers: try await desk.headers("leader"))
        #expect(issued.status == 201, "issue: \(String(decoding: issued.body, as: UTF8.self))")
        let code = try #require(issued.json?["code"] as? String)
        #expect(code == "\(dossier)-KQ1")

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
