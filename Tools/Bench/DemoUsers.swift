import Foundation
import NIOHTTP1

/// The demo directory's users (identity seeds them with `ONEGATE_DEMO_SEED=1`), signed in once
/// each before the load: a run is far shorter than an access token's lifetime.
struct DemoUsers: Sendable {
    static let password = "Onegate@2026"
    static let names = ["citizen", "officer", "head", "specialist", "leader", "admin", "partner", "admin.h62"]

    private let tokens: [String: String]

    static func signIn(_ gateway: GatewayClient) async throws -> DemoUsers {
        struct Token: Decodable { var accessToken: String }
        var tokens: [String: String] = [:]
        for name in names {
            let reply = await gateway.postJSON("/api/v1/auth/token", #"{"username": "\#(name)", "password": "\#(password)"}"#)
            guard let token = reply.decode(Token.self)?.accessToken else {
                throw BenchFailure("cannot sign in as demo user \(name): \(reply.errorReason ?? "no token") "
                                   + String(decoding: reply.body.prefix(300), as: UTF8.self)
                                   + " (are the services started with ONEGATE_DEMO_SEED=1?)")
            }
            tokens[name] = token
        }
        return DemoUsers(tokens: tokens)
    }

    func token(_ name: String) -> String { tokens[name] ?? "" }
}

/// The demo catalog's birth registration at Sở Tư pháp: one handling step, online allowed.
enum DemoProcedure {
    static let code = "1.001193"
    static let agency = "000.00.01.H30"

    /// The three components' documents of `token`'s user, uploaded once per run and named by
    /// every submission of theirs (intake accepts only the submitter's own documents).
    static func uploadDocuments(_ gateway: GatewayClient, token: String) async throws -> [String] {
        struct Stored: Decodable { var id: String }
        var ids: [String] = []
        for component in ["TK", "GCS", "GTTT"] {
            let pdf = Data("%PDF-1.4\n% onegate-bench \(component)\ntrailer\n<< >>\n%%EOF\n".utf8)
            let reply = await gateway.send(.POST, "/api/v1/documents", body: pdf, token: token,
                                           headers: [("X-Filename", "bench-\(component).pdf")], contentType: "application/pdf")
            guard let stored = reply.decode(Stored.self) else {
                throw BenchFailure("cannot upload the bench's \(component) document: \(reply.errorReason ?? "HTTP \(reply.status ?? 0)") "
                                   + String(decoding: reply.body.prefix(300), as: UTF8.self))
            }
            ids.append(stored.id)
        }
        return ids
    }

    /// A valid online submission (as in Tests/IntegrationTests/Workflow/Desk.swift) naming
    /// `documents` (see `uploadDocuments`) as its TK, GCS and GTTT.
    static func submission(documents: [String]) -> String {
        let attachments = zip(["TK", "GCS", "GTTT"], documents)
            .map { #"{"componentCode": "\#($0)", "documentId": "\#($1)"}"# }
            .joined(separator: ", ")
        return """
            {"procedureCode": "\(code)", "agencyCode": "\(agency)", "channel": "online",
             "applicant": {"kind": "citizen", "name": "Nguyễn Thị Hồng Nhung", "idNumber": "001186012345", "phone": "0912345678",
                           "address": "Số 5 phố Tràng Tiền, phường Hoàn Kiếm"},
             "form": {"applicantName": "Nguyễn Thị Hồng Nhung", "applicantIdNumber": "001186012345", "childName": "Nguyễn Văn Bình",
                      "childBirthDate": "2026-11-20", "childSex": "Nam", "birthPlace": "Bệnh viện Phụ sản tỉnh", "relationship": "Mẹ"},
             "attachments": [\(attachments)]}
            """
    }
}
