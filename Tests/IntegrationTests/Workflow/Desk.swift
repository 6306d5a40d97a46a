import Domain
import Foundation
import PostgresNIO
import Testing

/// Drives the dossier workflow through the gateway as the demo users would: each user signs in
/// (again when the short test token may have expired) and calls the real endpoints.
final class Desk: Sendable {
    let cluster: ServiceCluster
    private let signIns: SignIns

    /// The demo catalog's birth registration (restart policy, one handling step) and change of
    /// civil-status details (resume policy, two handling steps), both at Sở Tư pháp.
    static let birth = "1.001193"
    static let correction = "1.001255"
    static let justice = "000.00.01.H30"

    init(_ cluster: ServiceCluster) {
        self.cluster = cluster
        signIns = SignIns(cluster)
    }

    /// `Authorization` for a demo user, signed in again when the short test token may have expired.
    func headers(_ user: String?) async throws -> [String: String] {
        try await signIns.headers(user)
    }

    /// Submits and returns the dossier code; `user` nil submits anonymously online.
    func submit(_ procedure: String = Desk.birth, channel: String = "online", as user: String? = "citizen",
                applicant: String = "Nguyễn Thị Hồng Nhung") async throws -> String {
        try await submission(procedure, channel: channel, as: user, applicant: applicant).code
    }

    /// Submits and returns the dossier code with the lookup token of the submission's answer.
    func submission(_ procedure: String = Desk.birth, channel: String = "online", as user: String? = "citizen",
                    applicant: String = "Nguyễn Thị Hồng Nhung") async throws -> (code: String, lookupToken: String) {
        let form = procedure == Self.correction
            ? #""currentValue": "Nguyễn Văn Bính", "requestedValue": "Nguyễn Văn Bình", "reason": "Sai chính tả khi đăng ký""#
            : #""childName": "Nguyễn Văn Bình", "childBirthDate": "2026-11-20", "childSex": "Nam", "birthPlace": "Bệnh viện Phụ sản tỉnh", "relationship": "Mẹ""#
        let components = procedure == Self.correction ? ["TK", "GTLQ", "GTTT"] : ["TK", "GCS", "GTTT"]
        let attachments = try await Uploads.attachments(cluster, components, headers: try await headers(user))
        let body = """
            {"procedureCode": "\(procedure)", "agencyCode": "\(Self.justice)", "channel": "\(channel)",
             "applicant": {"kind": "citizen", "name": "\(applicant)", "idNumber": "001186012345", "phone": "0912345678",
                           "address": "Số 5 phố Tràng Tiền, phường Hoàn Kiếm"},
             "form": {"applicantName": "\(applicant)", "applicantIdNumber": "001186012345", \(form)},
             "attachments": [\(attachments.joined(separator: ", "))]}
            """
        let created = try await HTTP.postJSON(cluster.url("/api/v1/dossiers"), body, headers: try await headers(user))
        #expect(created.status == 201, "submit: \(String(decoding: created.body, as: UTF8.self))")
        let code = try #require(created.json?["code"] as? String)
        let token = try #require(created.json?["lookupToken"] as? String)
        // Processing opens the case from intake's event a moment later.
        let opened = await eventually { (try? await self.detail(code, as: user ?? "officer"))?.status == 200 }
        #expect(opened, "processing should open \(code)")
        return (code, token)
    }

    /// `POST /api/v1/dossiers/{code}/{action}`.
    @discardableResult
    func act(_ code: String, _ action: String, as user: String, _ body: String? = nil, expect status: Int = 200,
             idempotencyKey: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) async throws -> HTTP.Result {
        var headers = try await headers(user)
        if let idempotencyKey { headers["Idempotency-Key"] = idempotencyKey }
        if body != nil { headers["Content-Type"] = "application/json" }
        let result = try await HTTP.request(.post, cluster.url("/api/v1/dossiers/\(code)/\(action)"),
                                            body: body.map { Data($0.utf8) }, headers: headers)
        #expect(result.status == status, "\(user) \(action) on \(code): \(String(decoding: result.body, as: UTF8.self))",
                sourceLocation: sourceLocation)
        return result
    }

    func detail(_ code: String, as user: String) async throws -> HTTP.Result {
        try await HTTP.request(.get, cluster.url("/api/v1/dossiers/\(code)"), headers: try await headers(user))
    }

    /// The national status code and internal state, as the applicant's officers see them.
    func status(_ code: String, as user: String = "officer") async throws -> (code: Int, state: String, json: [String: Any]) {
        let json = try #require(try await detail(code, as: user).json)
        let status = json["status"] as? [String: Any]
        return (status?["code"] as? Int ?? 0, json["state"] as? String ?? "", json)
    }

    func get(_ path: String, as user: String, accept: String? = nil) async throws -> HTTP.Result {
        var headers = try await headers(user)
        if let accept { headers["Accept"] = accept }
        return try await HTTP.request(.get, cluster.url(path), headers: headers)
    }

    /// Every code of a work queue (`GET /api/v1/dossiers?<filters>`), page by page.
    func queue(_ filters: String, as user: String) async throws -> [String] {
        var codes: [String] = []
        for page in 1...50 {
            let result = try await get("/api/v1/dossiers?\(filters)&page=\(page)&pageSize=100", as: user)
            #expect(result.status == 200, "queue \(filters): \(String(decoding: result.body, as: UTF8.self))")
            let items = (result.json?["items"] as? [[String: Any]]) ?? []
            codes += items.compactMap { $0["code"] as? String }
            if items.count < 100 { break }
        }
        return codes
    }

    /// Uploads the dossier's receipt (form 01) as a PDF document; its id.
    func uploadPDF(of code: String, as user: String) async throws -> String {
        let pdf = try await get("/api/v1/dossiers/\(code)/forms/01?format=pdf", as: "officer")
        var headers = try await headers(user)
        headers["Content-Type"] = "application/pdf"
        headers["X-Filename"] = "ket-qua.pdf"
        let uploaded = try await HTTP.request(.post, cluster.url("/api/v1/documents"), body: pdf.body, headers: headers)
        #expect(uploaded.status == 201, "upload: \(String(decoding: uploaded.body, as: UTF8.self))")
        return try #require(uploaded.json?["id"] as? String)
    }

    /// Receive → transfer → assign: the dossier is in handling with the demo specialist.
    func bringIntoHandling(_ code: String, received: Bool = false) async throws {
        if !received { try await act(code, "receive", as: "officer") }
        try await act(code, "transfer", as: "officer")
        try await act(code, "assign", as: "head", #"{"assignee": "specialist"}"#)
    }

    /// Shifts a case's deadline clock and pending timers `days` into the past, as if it had been
    /// received that much earlier (tests cannot wait for working days to pass). Whole weeks keep
    /// the weekdays.
    static func backdate(_ code: String, days: Int) async throws {
        let shift = Int64(days) * 86_400
        try await withPostgres(role: "processing") { client in
            var clockText: String?
            for try await text in try await client.query("SELECT clock::text FROM processing.cases WHERE code = \(code)",
                                                         logger: testLogger).decode(String?.self) {
                clockText = text
            }
            let clock = try #require(clockText.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) })
            let shifted = String(decoding: try JSONSerialization.data(withJSONObject: Self.shiftMoments(clock, by: shift)), as: UTF8.self)
            let interval = "\(days) days"
            try await client.query("""
                UPDATE processing.cases SET clock = \(shifted)::jsonb, received_at = received_at - \(interval)::interval,
                    due_at = due_at - \(interval)::interval WHERE code = \(code)
                """, logger: testLogger)
            try await client.query("""
                UPDATE processing.timers SET due_at = due_at - \(interval)::interval, fire_at = fire_at - \(interval)::interval
                WHERE code = \(code) AND fired_at IS NULL AND cancelled_at IS NULL
                """, logger: testLogger)
        }
    }

    /// Every moment (`at`, `due`, `from`, `to`: seconds since 1970) of a clock's JSON, minus `shift`.
    private static func shiftMoments(_ value: Any, by shift: Int64) -> Any {
        if let object = value as? [String: Any] {
            var result: [String: Any] = [:]
            for (key, item) in object {
                if ["at", "due", "from", "to"].contains(key), let seconds = (item as? NSNumber)?.int64Value {
                    result[key] = seconds - shift
                } else {
                    result[key] = shiftMoments(item, by: shift)
                }
            }
            return result
        }
        if let array = value as? [Any] { return array.map { shiftMoments($0, by: shift) } }
        return value
    }
}
