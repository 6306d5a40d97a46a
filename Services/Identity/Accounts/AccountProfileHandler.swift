import Contracts
import Foundation
import PostgresNIO
import ServiceKit

/// `identity.accounts.profile`: the signed-in caller's own contact details and identifier, read
/// from their account (nobody reads another's).
struct AccountProfileHandler: Sendable {
    let runtime: ServiceRuntime

    func profile(_ request: Empty, context: RPCContext) async throws -> ApplicantProfile {
        guard let id = context.caller.userId.flatMap(UUID.init(uuidString:)) else { throw Problem.authenticationRequired }
        let row = try await runtime.database.withConnection { connection -> (String, String?, String?, String?, String?)? in
            let rows = try await connection.query("""
                SELECT display_name, applicant_kind, id_number, phone, email FROM identity.users WHERE id = \(id)
                """, logger: context.logger)
            for try await row in rows.decode((String, String?, String?, String?, String?).self) { return row }
            return nil
        }
        guard let row else { throw Problem.notFound("No such user.") }
        return ApplicantProfile(displayName: row.0, applicantKind: row.1, idNumber: row.2, phone: row.3, email: row.4)
    }
}
