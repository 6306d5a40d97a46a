import Foundation
import Testing

extension Integration {
    /// Documents through the gateway with the real processes and real files: uploads streamed in
    /// chunks, the content-addressed store, limits and sniffing, broken transfers, ranged
    /// downloads, rights, signed e-results checked by `openssl cms`, the data store, retention.
    @Suite struct DocumentsTests {
        @Test func documentsFlowThroughTheRealProcesses() async throws {
            setenv("ONEGATE_DOCUMENTS_DIR", DocumentFixtures.root.path, 1)
            setenv("ONEGATE_DOCUMENTS_UPLOAD_TTL_SECONDS", "900", 1)
            let cluster = try await ServiceCluster.start()
            let desk = Desk(cluster)
            let session = DocumentSession(cluster: cluster, desk: desk)
            do {
                try await session.uploadAndDownloadAreByteIdentical()
                try await session.sameBytesAreStoredOnce()
                try await session.wrongDeclaredTypeIs415AndStoresNothing()
                try await session.overTheLimitIs413AndStoresNothing()
                try await session.brokenTransferLeavesNothing()
                try await session.othersMayNotRead()
                try await session.resultsAreSignedVerifiedAndInvalidated()
                try await session.storedDocumentsAreReusedAndVersioned()
                try await session.othersDocumentsAndDossiersAreRefused()
                try await session.submittedAttachmentsBelongToTheirDossier()
                try await session.retentionPurgesOnlyWhatIsFree()
                try await session.twentyMebibytesStayOutOfMemory()
            } catch {
                Issue.record(error)
            }
            _ = await cluster.stop()
        }
    }
}

/// One cluster's documents scenario, step by step.
struct DocumentSession {
    let cluster: ServiceCluster
    let desk: Desk

    func upload(_ data: Data, type: String, name: String, as user: String, query: String = "") async throws -> HTTP.Result {
        var headers = try await desk.headers(user)
        headers["Content-Type"] = type
        headers["X-Filename"] = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? name
        return try await HTTP.request(.post, cluster.url("/api/v1/documents\(query)"), body: data, headers: headers)
    }

    func stored(_ data: Data, type: String = "application/pdf", name: String = "giấy tờ.pdf", as user: String = "citizen",
                query: String = "") async throws -> [String: Any] {
        let result = try await upload(data, type: type, name: name, as: user, query: query)
        #expect(result.status == 201, "upload: \(String(decoding: result.body, as: UTF8.self))")
        return try #require(result.json)
    }

    func documentCount() async throws -> Int {
        try await withPostgres(role: "documents") { try await $0.integer("SELECT count(*)::int FROM documents.documents") }
    }

    func uploadAndDownloadAreByteIdentical() async throws {
        let file = DocumentFixtures.pdf("Giay khai sinh", size: 700_000)  // crosses chunk boundaries
        let json = try await stored(file)
        let id = try #require(json["id"] as? String)
        #expect(json["size"] as? Int == file.count)
        #expect(json["mediaType"] as? String == "application/pdf")
        #expect(json["filename"] as? String == "giấy tờ.pdf")
        let download = try await desk.get("/api/v1/documents/\(id)", as: "citizen")
        #expect(download.status == 200)
        #expect(download.body == file, "downloaded bytes are the uploaded bytes")
        #expect(download.headers["etag"] == "\"\(json["sha256"] as? String ?? "")\"")
        #expect(download.headers["content-disposition"]?.hasPrefix("attachment; filename=") == true)
        var headers = try await desk.headers("citizen")
        headers["Range"] = "bytes=100000-100099"
        let part = try await HTTP.request(.get, cluster.url("/api/v1/documents/\(id)"), headers: headers)
        #expect(part.status == 206 && part.body == file[100_000..<100_100])
        #expect(part.headers["content-range"] == "bytes 100000-100099/\(file.count)")
        headers["Range"] = "bytes=\(file.count + 10)-"
        #expect(try await HTTP.request(.get, cluster.url("/api/v1/documents/\(id)"), headers: headers).status == 416)

        // multipart, as a browser form sends it
        let boundary = "----onegate\(UUID().uuidString)"
        var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nảnh\r\n".utf8)
        body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"anh.png\"\r\nContent-Type: image/png\r\n\r\n".utf8))
        body.append(DocumentFixtures.png)
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        var form = try await desk.headers("citizen")
        form["Content-Type"] = "multipart/form-data; boundary=\(boundary)"
        let posted = try await HTTP.request(.post, cluster.url("/api/v1/documents"), body: body, headers: form)
        #expect(posted.status == 201, "multipart: \(String(decoding: posted.body, as: UTF8.self))")
        let pngID = try #require(posted.json?["id"] as? String)
        #expect(posted.json?["filename"] as? String == "anh.png" && posted.json?["mediaType"] as? String == "image/png")
        #expect(try await desk.get("/api/v1/documents/\(pngID)", as: "citizen").body == DocumentFixtures.png)
    }

    func sameBytesAreStoredOnce() async throws {
        let file = DocumentFixtures.pdf("Ban sao", size: 300_000)
        let blobsBefore = DocumentFixtures.blobCount()
        let first = try await stored(file, name: "a.pdf")
        let second = try await stored(file, name: "b.pdf")
        #expect(first["id"] as? String != second["id"] as? String)
        #expect(first["sha256"] as? String == second["sha256"] as? String)
        #expect(DocumentFixtures.blobCount() == blobsBefore + 1, "one blob for the same bytes")
        #expect(DocumentFixtures.blobExists(first["sha256"] as? String ?? ""))
    }

    func wrongDeclaredTypeIs415AndStoresNothing() async throws {
        let before = try await documentCount()
        let blobs = DocumentFixtures.blobCount()
        let lying = try await upload(DocumentFixtures.pdf("not a picture"), type: "image/png", name: "x.png", as: "citizen")
        #expect(lying.status == 415 && lying.contentType == "application/problem+json" && lying.problemFields == ["Content-Type"])
        let text = try await upload(Data("plain words".utf8), type: "text/plain", name: "x.txt", as: "citizen")
        #expect(text.status == 415)
        let unknown = try await upload(Data("plain words".utf8), type: "application/pdf", name: "x.pdf", as: "citizen")
        #expect(unknown.status == 415)
        #expect(try await documentCount() == before && DocumentFixtures.blobCount() == blobs)
        #expect(DocumentFixtures.transferCount() == 0, "refused transfers leave no temporary file")
    }

    func overTheLimitIs413AndStoresNothing() async throws {
        let before = try await documentCount()
        let blobs = DocumentFixtures.blobCount()
        let huge = DocumentFixtures.pdf("too big", size: 26 << 20)
        let refused = try await upload(huge, type: "application/pdf", name: "big.pdf", as: "citizen")
        #expect(refused.status == 413 && refused.contentType == "application/problem+json")
        #expect(try await documentCount() == before && DocumentFixtures.blobCount() == blobs)
        #expect(DocumentFixtures.transferCount() == 0)
    }

    func brokenTransferLeavesNothing() async throws {
        let before = try await documentCount()
        let blobs = DocumentFixtures.blobCount()
        let token = try #require(try await desk.headers("citizen")["Authorization"]?.dropFirst("Bearer ".count))
        try DocumentFixtures.brokenUpload(port: ServiceCluster.httpPort, token: String(token), announced: 4 << 20, sent: 1 << 20)
        #expect(await eventually { DocumentFixtures.transferCount() == 0 }, "the half-sent transfer's temporary file is removed")
        #expect(try await documentCount() == before, "no record")
        #expect(DocumentFixtures.blobCount() == blobs, "no orphan blob")
    }

    func othersMayNotRead() async throws {
        let id = try #require(try await stored(DocumentFixtures.pdf("private"))["id"] as? String)
        let other = try await desk.secondCitizen()
        #expect(try await desk.get("/api/v1/documents/\(id)", as: other).status == 403)
        #expect(try await desk.get("/api/v1/documents/\(id)/meta", as: other).status == 403)
        #expect(try await desk.get("/api/v1/documents/\(id)", as: "partner").status == 403)
        #expect(try await desk.get("/api/v1/documents/\(id)", as: "officer").status == 403, "not part of any dossier")
        #expect(try await HTTP.request(.get, cluster.url("/api/v1/documents/\(id)")).status == 401)
        #expect(try await desk.get("/api/v1/documents/\(UUID().uuidString)", as: "citizen").status == 404)
    }
}
