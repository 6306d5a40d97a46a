import Contracts
import Domain
import Logging
import PostgresNIO
import ServiceKit

/// What a caller may do with one case: the roles they may act in there, each with the unit it
/// is held in. Officers act for the agencies within their units — a one-stop desk serves every
/// agency under its parent unit (the provincial centre serves the province); applicants act on
/// the dossiers they own; `system` is the services' own role (the gateway never grants it).
struct Entitlements: Sendable {
    let roles: [Role: String]

    /// True when the caller may see the case at all.
    var canSee: Bool { !roles.isEmpty }

    /// The unit `role` is held in for this case.
    func unit(for role: Role) -> String? { roles[role] }
}

struct EntitlementResolver: Sendable {
    let units: OrgUnitCopies

    func resolve(_ caller: Caller, agency: String, ownerId: String?, on connection: PostgresConnection, logger: Logger) async throws -> Entitlements {
        var roles: [Role: String] = [:]
        for assignment in caller.assignments {
            guard let role = Role(rawValue: assignment.role), roles[role] == nil else { continue }
            switch role {
            case .citizen:
                if let ownerId, ownerId == caller.userId { roles[role] = assignment.orgUnit }
            case .system:
                roles[role] = assignment.orgUnit
            case .administrator, .partner, .portalSubmitter:
                continue
            case .oneStopOfficer, .specialist, .departmentHead, .agencyLeader, .supervisor:
                let served = try await units.servedAgencies(role: role, unit: assignment.orgUnit, on: connection, logger: logger)
                if served.contains(agency) { roles[role] = assignment.orgUnit }
            }
        }
        return Entitlements(roles: roles)
    }

    /// Every agency the caller's staff roles serve (for work queues).
    func servedAgencies(_ caller: Caller, on connection: PostgresConnection, logger: Logger) async throws -> Set<String> {
        try await units.servedAgencies(caller, roles: Self.staffRoles, on: connection, logger: logger)
    }

    static let staffRoles: Set<Role> = [.oneStopOfficer, .specialist, .departmentHead, .agencyLeader, .supervisor]
}
