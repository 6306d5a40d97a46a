import Foundation

/// The demo directory's users (identity seeds them with `ONEGATE_DEMO_SEED=1`), signed in once
/// each before the load: a run is far shorter than an access token's lifetime.
struct DemoUsers: Sendable {
    static let password = "Onegate@2026"
    static let names = ["citizen", "officer", "head", "specialist", "leader", "admin", "partner"]

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

    /// A valid online submission (as in Tests/IntegrationTests/Workflow/Desk.swift); attachment ids are fresh.
    static func submission() -> String {
        let attachments = ["TK", "GCS", "GTTT"]
            .map { #"{"componentCode": "\#($0)", "documentId": "\#(UUID().uuidString.lowercased())"}"# }
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
