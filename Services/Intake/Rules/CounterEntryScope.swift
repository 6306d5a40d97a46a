import Contracts
import Domain
import Logging
import PostgresNIO
import ServiceKit

/// Counter and postal submissions are entered by a one-stop officer whose desk serves the
/// dossier's agency (the provincial centre serves every agency of the province; an agency's own
/// desk, that agency). Read from intake's copy of identity's org units, never from the request.
struct CounterEntryScope: Sendable {
    let units: OrgUnitCopies

    /// 403 unless the caller may enter `submission` (online submissions need no desk).
    func check(_ submission: Submission, caller: Caller, on connection: PostgresConnection, logger: Logger) async throws {
        guard submission.channel != .online else { return }
        let agency = submission.agencyCode.rawValue
        let served = try await units.servedAgencies(caller, roles: [.oneStopOfficer], on: connection, logger: logger)
        guard served.contains(agency) else {
            throw Problem(status: 403, title: "Forbidden", detail:
                "Chỉ cán bộ một cửa phục vụ cơ quan \(agency) được tiếp nhận hồ sơ trực tiếp hoặc qua bưu chính. "
                + "Only a one-stop officer of a desk serving agency \(agency) enters \(submission.channel.rawValue) submissions for it.")
        }
    }
}
