import Foundation
import Testing

extension DocumentSession {
    /// Documents of others: nobody puts a document into someone else's dossier, officers of
    /// another agency do not take documents they do not handle, and a submission names only the
    /// submitter's own documents (400 naming the bad attachment).
    func othersDocumentsAndDossiersAreRefused() async throws {
        let other = try await desk.secondCitizen()
        let dossier = try await desk.submit()  // the demo citizen's, at the justice department
        let mine = try #require(try await stored(DocumentFixtures.pdf("Giay cua toi"), name: "toi.pdf")["id"] as? String)
        let theirs = try #require(try await stored(DocumentFixtures.pdf("Giay cua nguoi khac"), name: "khac.pdf", as: other)["id"] as? String)

        // Another citizen neither attaches to nor uploads into the demo citizen's dossier.
        let attachBody = #"{"dossierCode": "\#(dossier)", "componentCode": "GTTT"}"#
        let foreignAttach = try await HTTP.postJSON(cluster.url("/api/v1/documents/\(theirs)/attach"), attachBody,
                                                    headers: try await desk.headers(other))
        #expect(foreignAttach.status == 403, "attach into another's dossier: \(String(decoding: foreignAttach.body, as: UTF8.self))")
        #expect(try await upload(DocumentFixtures.pdf("chen vao"), type: "application/pdf", name: "x.pdf", as: other,
                                 query: "?dossierCode=\(dossier)&componentCode=GTTT").status == 403, "upload into another's dossier")
        // …nor does the owner of the dossier take another's document.
        #expect(try await HTTP.postJSON(cluster.url("/api/v1/documents/\(theirs)/attach"), attachBody,
                                        headers: try await desk.headers("citizen")).status == 403)
        // The applicant does both with their own.
        #expect(try await HTTP.postJSON(cluster.url("/api/v1/documents/\(mine)/attach"), attachBody,
                                        headers: try await desk.headers("citizen")).status == 200)
        #expect(try await upload(DocumentFixtures.pdf("bo sung"), type: "application/pdf", name: "b.pdf", as: "citizen",
                                 query: "?dossierCode=\(dossier)&componentCode=GTTT").status == 201)

        // An officer of another agency attaches neither a private document nor one of a dossier
        // of an agency they do not serve, to a dossier of their own agency.
        let otherLeader = try await desk.leaderOfAnotherAgency()
        let ownAgencyDossier = "000.00.00.H30-" + Self.freshDossierCode().split(separator: "-").dropFirst().joined(separator: "-")
        for document in [theirs, mine] {
            let taken = try await HTTP.postJSON(cluster.url("/api/v1/documents/\(document)/attach"),
                                                #"{"dossierCode": "\#(ownAgencyDossier)", "componentCode": "GTTT"}"#,
                                                headers: try await desk.headers(otherLeader))
            #expect(taken.status == 403, "another agency's officer takes \(document): \(String(decoding: taken.body, as: UTF8.self))")
        }
        #expect(try await desk.get("/api/v1/documents/\(mine)/meta", as: "citizen").json?["dossierCode"] as? String == dossier,
                "the document stays in its dossier")

        // Submissions: unknown ids and another user's document are 400s naming the attachment.
        let unknown = UUID().uuidString.lowercased()
        for (label, ids, user) in [("unknown", [mine, unknown, mine], "citizen"), ("another user's", [mine, mine, theirs], "citizen"),
                                   ("a signed-in user's, anonymously", [mine, mine, mine], nil)] as [(String, [String], String?)] {
            let result = try await HTTP.postJSON(cluster.url("/api/v1/dossiers"), Self.submission(ids),
                                                 headers: try await desk.headers(user))
            #expect(result.status == 400, "\(label): \(String(decoding: result.body, as: UTF8.self))")
            let expected = user == nil ? ["attachments[0].documentId", "attachments[1].documentId", "attachments[2].documentId"]
                : [label == "unknown" ? "attachments[1].documentId" : "attachments[2].documentId"]
            #expect(result.problemFields == expected, "\(label): \(result.problemFields)")
        }
        #expect(try await HTTP.postJSON(cluster.url("/api/v1/dossiers"), Self.submission([mine, mine, mine]),
                                        headers: try await desk.headers("citizen")).status == 201, "own documents are reused")
    }

    /// A birth registration online naming `ids` as its TK, GCS and GTTT.
    static func submission(_ ids: [String]) -> String {
        let attachments = zip(["TK", "GCS", "GTTT"], ids).map { #"{"componentCode": "\#($0)", "documentId": "\#($1)"}"# }
        return """
            {"procedureCode": "\(Desk.birth)", "agencyCode": "\(Desk.justice)", "channel": "online",
             "applicant": {"kind": "citizen", "name": "Nguyễn Văn An", "idNumber": "001203004567"},
             "form": {"applicantName": "Nguyễn Văn An", "applicantIdNumber": "001203004567", "childName": "Nguyễn Văn Bình",
                      "childBirthDate": "2026-11-20", "childSex": "Nam", "birthPlace": "Bệnh viện tỉnh", "relationship": "Cha"},
             "attachments": [\(attachments.joined(separator: ", "))]}
            """
    }
}
