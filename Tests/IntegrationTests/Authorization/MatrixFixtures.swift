import Foundation
import Synchronization
import Testing

/// What the matrix's requests point at, made once per run: agency A's dossier owned by `citizen`
/// with its documents and (once the walk through the process issued it) its e-result; a loose
/// document of the citizen; the partner's subscription; this run's procedure and user names.
/// Rows fill in what only exists after them (the user created, the further e-result).
final class MatrixFixtures: Sendable {
    struct State: Sendable {
        var dossier = ""
        var lookupToken = ""
        var attachment = ""
        var looseDocument = ""
        var resultCode = ""
        var resultDocument = ""
        var resultFile = Data()
        var furtherResultDocuments: [MatrixCaller: String] = [:]
        var furtherResult = ""
        var subscription = ""
        /// Another of the partner's subscriptions, for the province's administrator to delete.
        var spareSubscriptions: [MatrixCaller: String] = [:]
        var procedureBody = ""
        var createdUser = ""
    }

    let cluster: ServiceCluster
    let desk: Desk
    let signIns: SignIns
    /// This run's own procedure (created, drafted, published and retired by the catalog rows).
    let procedure = "9.\(Int.random(in: 100_000...999_999))"
    /// This run's own user (created and disabled by the directory rows).
    let username = "authz-\(UUID().uuidString.prefix(8).lowercased())"
    private let state = Mutex(State())

    init(cluster: ServiceCluster) {
        self.cluster = cluster
        desk = Desk(cluster)
        signIns = SignIns(cluster)
    }

    subscript<Value>(_ key: KeyPath<State, Value>) -> Value { state.withLock { $0 }[keyPath: key] }

    func set(_ change: (inout State) -> Void) { state.withLock { change(&$0) } }

    var dossier: String { self[\.dossier] }

    func headers(_ caller: MatrixCaller) async throws -> [String: String] {
        try await signIns.headers(caller.username, password: AnotherAgency.password(for: caller))
    }

    /// Everything the rows need before the first one runs.
    func prepare() async throws {
        _ = try await desk.secondCitizen()
        try await AnotherAgency.prepare(cluster, signIns: signIns)
        try await submitDossier()
        let loose = try await Uploads.document(cluster, headers: try await headers(.citizen), text: "Giay to rieng")
        var subscriptions: [MatrixCaller: String] = [:]
        for owner in [MatrixCaller.partner, .admin] { subscriptions[owner] = try await subscribe() }
        let shown = try await HTTP.request(.get, cluster.url("/api/v1/procedures/\(Desk.birth)"))
        var definition = try #require(shown.json)
        for key in ["status", "version", "publishedAt"] { definition.removeValue(forKey: key) }
        definition["code"] = procedure
        definition["name"] = "Thủ tục thử phân quyền \(procedure)"
        let body = String(decoding: try JSONSerialization.data(withJSONObject: definition), as: UTF8.self)
        set {
            $0.looseDocument = loose
            $0.subscription = subscriptions[.partner] ?? ""
            $0.spareSubscriptions = subscriptions.filter { $0.key != .partner }
            $0.procedureBody = body
        }
    }

    /// A subscription of the partner's to an agency with no dossiers (nothing is ever delivered).
    private func subscribe() async throws -> String {
        let hook: [String: Any] = ["url": "\(OutsideWorld.baseURL)/hooks/authz", "events": ["dossier.status-changed"],
                                   "filter": ["agency": "000.00.99.H30"]]
        let subscribed = try await HTTP.request(.post, cluster.url("/api/v1/subscriptions"),
                                                body: try JSONSerialization.data(withJSONObject: hook),
                                                headers: try await headers(.partner).merging(["Content-Type": "application/json"]) { $1 })
        return try #require(subscribed.json?["id"] as? String, "subscribe: \(String(decoding: subscribed.body, as: UTF8.self))")
    }

    /// Agency A's dossier, submitted online by `citizen` with their own uploads; waits until
    /// processing opened the case.
    private func submitDossier() async throws {
        let citizen = try await headers(.citizen)
        let attachments = try await Uploads.attachments(cluster, ["TK", "GCS", "GTTT"], headers: citizen)
        let body = """
            {"procedureCode": "\(Desk.birth)", "agencyCode": "\(Desk.justice)", "channel": "online",
             "applicant": {"kind": "citizen", "name": "Nguyễn Văn An", "idNumber": "001203004567", "phone": "0912345678"},
             "form": {"applicantName": "Nguyễn Văn An", "applicantIdNumber": "001203004567", "childName": "Nguyễn Văn Bình",
                      "childBirthDate": "2026-11-20", "childSex": "Nam", "birthPlace": "Bệnh viện Phụ sản tỉnh", "relationship": "Cha"},
             "attachments": [\(attachments.joined(separator: ", "))]}
            """
        let created = try await HTTP.postJSON(cluster.url("/api/v1/dossiers"), body, headers: citizen)
        let code = try #require(created.json?["code"] as? String, "submit: \(String(decoding: created.body, as: UTF8.self))")
        let token = try #require(created.json?["lookupToken"] as? String)
        let first = try #require(attachments.first.flatMap { Data($0.utf8) }.flatMap { try? JSONSerialization.jsonObject(with: $0) }
            as? [String: String])
        set {
            $0.dossier = code
            $0.lookupToken = token
            $0.attachment = first["documentId"] ?? ""
        }
        let opened = await eventually { (try? await self.desk.detail(code, as: "citizen"))?.status == 200 }
        #expect(opened, "processing should open \(code)")
    }

    /// After `issue-result`'s row: the leader issues the result (KQ1) with a stored PDF; waits until
    /// documents signed it, and keeps its file. Uploads the documents for `POST /api/v1/results`.
    func issueResult() async throws {
        let code = dossier
        let document = try await desk.uploadPDF(of: code, as: "leader")
        try await desk.act(code, "issue-result", as: "leader", #"{"resultDocuments": ["\#(document)"]}"#)
        let signed = await eventually { (try? await self.desk.get("/api/v1/results/\(code)-KQ1", as: "citizen").status) == 200 }
        #expect(signed, "documents should sign \(code)-KQ1")
        let file = try await desk.get("/api/v1/documents/\(document)", as: "leader").body
        var further: [MatrixCaller: String] = [:]
        for caller in [MatrixCaller.leader, .officer] {
            further[caller] = try await Uploads.document(cluster, headers: try await headers(caller), text: "Ket qua bo sung \(caller)")
        }
        set {
            $0.resultCode = "\(code)-KQ1"
            $0.resultDocument = document
            $0.resultFile = file
            $0.furtherResultDocuments = further
        }
    }
}
