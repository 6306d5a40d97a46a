import Foundation
import Messaging
import PostgresNIO
import Testing

extension DocumentSession {
    /// What a submission hands in becomes its dossier's (`documents.intake-events`): the officers
    /// of the dossier's agency read every attachment, officers of another agency and other users
    /// do not, an anonymous upload once submitted is named by no second submission, the
    /// applicant's own documents are reused, and a redelivered or re-emitted hand-over links once.
    func submittedAttachmentsBelongToTheirDossier() async throws {
        let otherLeader = try await desk.leaderOfAnotherAgency()
        let otherCitizen = try await desk.secondCitizen()

        // Anonymous online submission of anonymous uploads.
        var anonymous: [String] = []
        for component in ["TK", "GCS", "GTTT"] { anonymous.append(try await Uploads.document(cluster, text: "An danh \(component)")) }
        let anonymousCode = try await submitted(anonymous, as: nil)
        // Signed-in submission of the citizen's own uploads.
        var own: [String] = []
        for component in ["TK", "GCS", "GTTT"] {
            own.append(try await Uploads.document(cluster, headers: try await desk.headers("citizen"), text: "Cua toi \(component)"))
        }
        let ownCode = try await submitted(own, as: "citizen")

        for id in anonymous + own {
            let read = await eventually { (try? await desk.get("/api/v1/documents/\(id)", as: "officer"))?.status == 200 }
            #expect(read, "the dossier agency's officer reads attachment \(id)")
            for stranger in [otherLeader, otherCitizen] {
                let refused = try await desk.get("/api/v1/documents/\(id)/meta", as: stranger)
                #expect(refused.status == 403, "\(stranger) reads \(id): \(String(decoding: refused.body, as: UTF8.self))")
            }
        }
        for id in own {
            #expect(try await desk.get("/api/v1/documents/\(id)", as: "citizen").status == 200, "the owner still reads \(id)")
        }

        // The dossier's documents, with their components, for its officers and its applicant only.
        let listed = try await desk.get("/api/v1/dossiers/\(ownCode)/documents", as: "officer")
        #expect(listed.status == 200, "listing: \(String(decoding: listed.body, as: UTF8.self))")
        let items = (listed.json?["items"] as? [[String: Any]]) ?? []
        let pairs = items.map { "\($0["componentCode"] as? String ?? "")=\(($0["document"] as? [String: Any])?["id"] as? String ?? "")" }
        #expect(Set(pairs) == Set(zip(["TK", "GCS", "GTTT"], own).map { "\($0)=\($1)" }), "listed: \(pairs)")
        #expect(items.allSatisfy { $0["source"] as? String == "submitted" })
        #expect(try await desk.get("/api/v1/dossiers/\(ownCode)/documents", as: "citizen").status == 200, "the applicant lists")
        for stranger in [otherLeader, otherCitizen] {
            #expect(try await desk.get("/api/v1/dossiers/\(ownCode)/documents", as: stranger).status == 403, "\(stranger) lists")
        }
        #expect(try await desk.get("/api/v1/dossiers/not-a-code/documents", as: "officer").status == 400)

        // A second anonymous submission naming a submitted anonymous document: 400 naming it.
        let fresh1 = try await Uploads.document(cluster, text: "Moi 1")
        let fresh2 = try await Uploads.document(cluster, text: "Moi 2")
        let second = try await HTTP.postJSON(cluster.url("/api/v1/dossiers"), Self.submission([fresh1, anonymous[1], fresh2]))
        #expect(second.status == 400, "naming a submitted anonymous document: \(String(decoding: second.body, as: UTF8.self))")
        #expect(second.problemFields == ["attachments[1].documentId"], "\(second.problemFields)")
        // The applicant's own documents are theirs to reuse in another dossier.
        let reuseCode = try await submitted(own, as: "citizen")
        #expect(await eventually { (try? await linkCount(of: own[0])) == 2 }, "own document linked to both dossiers")
        #expect(try await desk.get("/api/v1/dossiers/\(reuseCode)/documents", as: "officer").json?["items"] as? [Any] != nil)

        // Intake's hand-over again: redelivered (same id), re-emitted (new id), and for another
        // dossier (the anonymous documents are taken): one link each, to the first dossier.
        try await rehandOver(anonymousCode)
        let anonymousIDs = anonymous.compactMap { UUID(uuidString: $0) }
        let links = try await withPostgres(role: "documents") { client in
            try await client.integer("SELECT count(*)::int FROM documents.dossier_documents WHERE document_id = ANY(\(anonymousIDs))")
        }
        #expect(links == 3, "each anonymous document linked once: \(links)")
        #expect(try await linkCount(ofDossier: anonymousCode) == 3)
    }

    /// Submits a birth registration naming `ids` (user nil: anonymously); its code once the case is open.
    private func submitted(_ ids: [String], as user: String?) async throws -> String {
        let created = try await HTTP.postJSON(cluster.url("/api/v1/dossiers"), Self.submission(ids), headers: try await desk.headers(user))
        #expect(created.status == 201, "submit: \(String(decoding: created.body, as: UTF8.self))")
        return try #require(created.json?["code"] as? String)
    }

    private func linkCount(of document: String) async throws -> Int {
        try await withPostgres(role: "documents") { client in
            try await client.integer("SELECT count(*)::int FROM documents.dossier_documents WHERE document_id = \(UUID(uuidString: document))")
        }
    }

    private func linkCount(ofDossier code: String) async throws -> Int {
        try await withPostgres(role: "documents") { client in
            try await client.integer("SELECT count(*)::int FROM documents.dossier_documents WHERE dossier_code = \(code)")
        }
    }

    /// Publishes intake's hand-over of `code` straight to documents' queue (processing does not
    /// see it) three times: as sent, under a new message id, and re-addressed to another dossier
    /// code; returns once documents has taken all three.
    private func rehandOver(_ code: String) async throws {
        let sent = try await withPostgres(role: "intake") { client -> (String, String)? in
            let rows = try await client.query("""
                SELECT message_id::text, body FROM intake.outbox
                WHERE routing_key = 'intake.handover.submitted' AND (body::jsonb -> 'data' ->> 'code') = \(code)
                """, logger: testLogger)
            for try await row in rows.decode((String, String).self) { return row }
            return nil
        }
        let (messageID, body) = try #require(sent, "intake's hand-over of \(code)")
        let elsewhere = code.dropLast(4) + String(format: "%04d", Int.random(in: 9000...9999))
        let link = AMQPLink(configuration: TestEnvironment.shared.adminBroker,
                            options: LinkOptions(name: "test-rehandover", confirms: true), logger: testLogger)
        #expect(await eventually { link.isConnected })
        let newID = UUID().uuidString.lowercased()
        let otherID = UUID().uuidString.lowercased()
        for (id, text) in [(messageID, body), (newID, body), (otherID, body.replacingOccurrences(of: code, with: String(elsewhere)))] {
            try await link.publish(OutboundMessage(exchange: "", routingKey: "documents.intake-events", body: Data(text.utf8),
                                                   messageID: id, type: "vn.onegate.handover.submitted.v1"))
        }
        let consumed = try await withPostgres(role: "documents") { client in
            await eventually {
                (try? await client.integer("""
                    SELECT count(*)::int FROM documents.inbox WHERE consumer = 'documents.intake-events' AND message_id = ANY(\([newID, otherID]))
                    """)) == 2
            }
        }
        #expect(consumed, "documents took the re-emitted hand-overs")
        #expect(try await linkCount(ofDossier: String(elsewhere)) == 0, "another dossier does not take a taken document")
        await link.shutdown()
    }
}
