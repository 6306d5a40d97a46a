import Foundation
import Testing

/// The demo partner's side of the tests: subscribes through the gateway and tells the simulated
/// receivers its secrets.
struct Partner {
    let desk: Desk
    let world: OutsideWorld

    /// Subscribes hook `name` (at `receiver/name` of the simulator) and returns the subscription id.
    func subscribe(_ name: String, events: [String], agency: String? = nil, procedure: String? = nil,
                   receiver: String = "hooks") async throws -> String {
        var filter: [String: String] = [:]
        if let agency { filter["agency"] = agency }
        if let procedure { filter["procedure"] = procedure }
        let body: [String: Any] = ["url": "\(OutsideWorld.baseURL)/\(receiver)/\(name)", "events": events, "filter": filter]
        let created = try await HTTP.request(.post, desk.cluster.url("/api/v1/subscriptions"),
                                             body: try JSONSerialization.data(withJSONObject: body),
                                             headers: try await desk.headers("partner").merging(["Content-Type": "application/json"]) { $1 })
        #expect(created.status == 201, "subscribe \(name): \(String(decoding: created.body, as: UTF8.self))")
        let id = try #require(created.json?["id"] as? String)
        let secret = try #require(created.json?["secret"] as? String)
        #expect(secret.hasPrefix("whsec_"))
        world.set { $0.hookSecrets[name] = secret }
        return id
    }

    func subscription(_ id: String) async throws -> [String: Any] {
        try #require(try await desk.get("/api/v1/subscriptions/\(id)", as: "partner").json)
    }

    func deliveries(_ id: String, status: String? = nil) async throws -> [[String: Any]] {
        let query = status.map { "?status=\($0)&pageSize=200" } ?? "?pageSize=200"
        let page = try await desk.get("/api/v1/subscriptions/\(id)/deliveries\(query)", as: "partner")
        return page.json?["items"] as? [[String: Any]] ?? []
    }

    /// Submits a birth registration online with the applicant's email and phone.
    func submitWithContact(email: String, phone: String, applicant: String) async throws -> String {
        var attachments: [[String: String]] = []
        for component in ["TK", "GCS", "GTTT"] {
            attachments.append(["componentCode": component,
                                "documentId": try await Uploads.document(desk.cluster, headers: try await desk.headers("citizen"))])
        }
        let body: [String: Any] = [
            "procedureCode": Desk.birth, "agencyCode": Desk.justice, "channel": "online",
            "applicant": ["kind": "citizen", "name": applicant, "idNumber": "001186012345", "phone": phone, "email": email,
                          "address": "Số 5 phố Tràng Tiền, phường Hoàn Kiếm"],
            "form": ["applicantName": applicant, "applicantIdNumber": "001186012345", "childName": "Nguyễn Văn Bình",
                     "childBirthDate": "2026-11-20", "childSex": "Nam", "birthPlace": "Bệnh viện Phụ sản tỉnh", "relationship": "Mẹ"],
            "attachments": attachments,
        ]
        let created = try await HTTP.request(.post, desk.cluster.url("/api/v1/dossiers"), body: try JSONSerialization.data(withJSONObject: body),
                                             headers: try await desk.headers("citizen").merging(["Content-Type": "application/json"]) { $1 })
        #expect(created.status == 201, "submit: \(String(decoding: created.body, as: UTF8.self))")
        let code = try #require(created.json?["code"] as? String)
        #expect(await eventually { (try? await desk.detail(code, as: "officer"))?.status == 200 })
        return code
    }
}

extension OutsideWorld.HookDelivery {
    var data: [String: Any] { json["data"] as? [String: Any] ?? [:] }
    var type: String { json["type"] as? String ?? "" }
    var action: String? { data["action"] as? String }
    var toStatus: Int? { (data["to"] as? [String: Any])?["code"] as? Int }
}

/// The value at `fraction` (0…1) of the sorted samples.
func percentile(_ samples: [Double], _ fraction: Double) -> Double {
    let sorted = samples.sorted()
    guard !sorted.isEmpty else { return .nan }
    return sorted[min(sorted.count - 1, Int((Double(sorted.count) * fraction).rounded(.up)) - 1)]
}
