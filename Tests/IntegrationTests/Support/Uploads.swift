import Foundation
import Testing

/// Real documents for submissions: intake accepts only attachments the submitter may name
/// (their own uploads; for an anonymous submission, anonymous uploads).
enum Uploads {
    /// Uploads a small PDF with `headers` (none: anonymously) and returns its id.
    static func document(_ cluster: ServiceCluster, headers: [String: String] = [:], text: String = "Giay to kem theo") async throws -> String {
        let result = try await HTTP.request(.post, cluster.url("/api/v1/documents"), body: DocumentFixtures.pdf(text),
                                            headers: headers.merging(["Content-Type": "application/pdf", "X-Filename": "giay-to.pdf"]) { $1 })
        #expect(result.status == 201, "upload: \(String(decoding: result.body, as: UTF8.self))")
        return try #require(result.json?["id"] as? String)
    }

    /// One uploaded document per component, as `{"componentCode", "documentId"}` JSON objects.
    static func attachments(_ cluster: ServiceCluster, _ components: [String], headers: [String: String] = [:]) async throws -> [String] {
        var items: [String] = []
        for component in components {
            let id = try await document(cluster, headers: headers, text: "Thanh phan \(component)")
            items.append(#"{"componentCode": "\#(component)", "documentId": "\#(id)"}"#)
        }
        return items
    }
}
