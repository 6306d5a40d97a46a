import Contracts
import Foundation
import Messaging
import Testing

extension DocumentSession {
    func storedDocumentsAreReusedAndVersioned() async throws {
        let dossier = try await desk.submit()  // the citizen's own: only its applicant attaches to it
        let original = try await stored(DocumentFixtures.pdf("CCCD mat truoc"), name: "cccd.pdf")
        let id = try #require(original["id"] as? String)
        let library = try await desk.get("/api/v1/me/documents", as: "citizen")
        #expect((library.json?["submissions"] as? [[String: Any]] ?? []).contains { $0["id"] as? String == id })
        #expect(try await desk.get("/api/v1/documents/\(id)", as: "officer").status == 403)
        // "Do not ask twice": the stored document becomes a component of a new dossier.
        let attached = try await HTTP.postJSON(cluster.url("/api/v1/documents/\(id)/attach"),
                                               #"{"dossierCode": "\#(dossier)", "componentCode": "GTTT"}"#,
                                               headers: try await desk.headers("citizen"))
        #expect(attached.status == 200 && attached.json?["dossierCode"] as? String == dossier)
        #expect(try await desk.get("/api/v1/documents/\(id)", as: "officer").status == 200, "officers read dossier documents")
        let missing = try await HTTP.postJSON(cluster.url("/api/v1/documents/\(id)/attach"), #"{"dossierCode": "\#(dossier)"}"#,
                                              headers: try await desk.headers("citizen"))
        #expect(missing.status == 400 && missing.problemFields == ["componentCode"])
        // A new version shares the series.
        let next = try await stored(DocumentFixtures.pdf("CCCD mat truoc, ban moi"), name: "cccd-2.pdf", query: "?replaces=\(id)")
        #expect(next["version"] as? Int == 2 && next["seriesId"] as? String == original["seriesId"] as? String)
        try await libraryComesInPages()
    }

    /// `documents.library` by pages (`/me/documents?page=`): newest first, page after page with
    /// nothing twice, `hasMore` until the last; a page out of range is 400.
    func libraryComesInPages() async throws {
        _ = try await stored(DocumentFixtures.pdf("paging"), name: "paging.pdf")
        let rpc = RPCClient(configuration: TestEnvironment.shared.adminBroker, name: "test-library-rpc", logger: testLogger)
        let running = Task { await rpc.run() }
        defer { running.cancel() }
        #expect(await eventually { rpc.link.isConnected })
        let citizen = try await desk.caller("citizen")
        func page(_ query: LibraryQuery) async throws -> DocumentLibrary {
            let body = try WireJSON.encode(RPCRequest(caller: citizen, requestId: UUID().uuidString, payload: query))
            let answer = try WireJSON.decode(RPCReply<DocumentLibrary>.self,
                                             from: try await rpc.call(routingKey: "documents.library", body: body, timeout: .seconds(10)))
            if let problem = answer.error { throw problem }
            return try #require(answer.ok)
        }
        let all = try await page(LibraryQuery())
        #expect(all.submissions.count >= 2 && all.hasMore == false)
        var seen: [String] = []
        var number = 1
        while true {
            let one = try await page(LibraryQuery(page: number, pageSize: 1))
            #expect(one.submissions.count <= 1)
            seen += one.submissions.map(\.id)
            guard one.hasMore == true else { break }
            number += 1
        }
        #expect(seen == all.submissions.map(\.id), "every file once, newest first")
        do {
            _ = try await page(LibraryQuery(page: 0, pageSize: 1))
            Issue.record("page 0 was answered")
        } catch let problem as Problem {
            #expect(problem.status == 400)
        }
    }

    func retentionPurgesOnlyWhatIsFree() async throws {
        let shared = DocumentFixtures.pdf("shared", size: 20_000)
        let expired = try #require(try await stored(shared, name: "old.pdf")["id"] as? String)
        let kept = try #require(try await stored(shared, name: "new.pdf")["id"] as? String)
        let lone = try await stored(DocumentFixtures.pdf("lone", size: 20_000), name: "lone.pdf")
        let loneID = try #require(lone["id"] as? String)
        let loneSHA = try #require(lone["sha256"] as? String)
        let held = try #require(try await stored(DocumentFixtures.pdf("held", size: 20_000), name: "held.pdf")["id"] as? String)
        let hold = try await HTTP.postJSON(cluster.url("/api/v1/documents/\(held)/legal-hold"), #"{"hold": true}"#,
                                           headers: try await desk.headers("admin"))
        #expect(hold.status == 200 && hold.json?["legalHold"] as? Bool == true)
        #expect(try await HTTP.postJSON(cluster.url("/api/v1/documents/\(held)/legal-hold"), #"{"hold": false}"#,
                                        headers: try await desk.headers("citizen")).status == 403)
        try await legalHoldChangesAreAudited(held)
        try await withPostgres(role: "documents") { client in
            for id in [expired, loneID, held] {
                try await client.query("UPDATE documents.documents SET retain_until = now() - interval '1 day' WHERE id = \(UUID(uuidString: id)!)",
                                       logger: testLogger)
            }
        }
        let purge = try Shell.runStatus(TestEnvironment.repositoryRoot.appendingPathComponent(".build/debug/documents").path, ["purge"],
                                        environment: cluster.environment)
        #expect(purge.0 == 0, "documents purge: \(purge.1)")
        #expect(try await desk.get("/api/v1/documents/\(expired)", as: "citizen").status == 404, "expired: purged")
        #expect(try await desk.get("/api/v1/documents/\(kept)", as: "citizen").body == shared, "the shared blob stays")
        #expect(try await desk.get("/api/v1/documents/\(loneID)", as: "citizen").status == 404)
        #expect(!DocumentFixtures.blobExists(loneSHA), "an unreferenced blob is removed")
        #expect(try await desk.get("/api/v1/documents/\(held)", as: "citizen").status == 200, "a legal hold blocks purging")
    }

    /// Peak memory of the gateway and documents while 20 MiB go through, against their idle figure.
    func twentyMebibytesStayOutOfMemory() async throws {
        let file = DocumentFixtures.pdf("twenty", size: 20 << 20)
        let pids = ["gateway", "documents"].compactMap { name in cluster.processes[name].map { (name, $0.processIdentifier) } }
        let idle = Dictionary(uniqueKeysWithValues: pids.map { ($0.0, DocumentFixtures.memory(of: $0.1)) })
        let json = try await stored(file, name: "hai-muoi.pdf")
        #expect(json["size"] as? Int == file.count)
        for (name, pid) in pids {
            let after = DocumentFixtures.memory(of: pid)
            let before = idle[name] ?? (0, 0)
            print("memory \(name): idle RSS \(before.resident) KiB, peak before \(before.peak) KiB, peak after 20 MiB upload \(after.peak) KiB (+\(after.peak - max(before.peak, before.resident)) KiB)")
            #expect(after.peak - max(before.peak, before.resident) < 20 << 10, "\(name) did not hold the file whole")
        }
        let download = try await desk.get("/api/v1/documents/\(json["id"] as? String ?? "")", as: "citizen")
        #expect(download.body == file)
    }
}
