import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO
import ServiceKit

/// Who may read a document: its owner; staff handling dossiers (one-stop officers, specialists,
/// department heads, agency leaders) serving the agency of a dossier the document belongs to —
/// the dossier a write put it in (components attached later, digitised copies, results) or any
/// dossier it was submitted with (`documents.dossier_documents`). Everyone else: 403 (anonymous: 401).
enum DocumentAccess {
    static let staffRoles: [Role] = [.oneStopOfficer, .specialist, .departmentHead, .agencyLeader]

    static func isStaff(_ caller: Caller) -> Bool {
        staffRoles.contains { caller.holds($0.rawValue) }
    }

    static func requireRead(_ document: DocumentView, caller: Caller, units: OrgUnitCopies, links: DossierLinkStore,
                            on connection: PostgresConnection, logger: Logger) async throws {
        guard caller.isAuthenticated else { throw Problem.authenticationRequired }
        if let owner = document.ownerId, owner == caller.userId { return }
        if try await servesDossier(document.dossierCode, caller: caller, units: units, on: connection, logger: logger) { return }
        if isStaff(caller), let id = UUID(uuidString: document.id) {
            let agencies = try await links.agencies(of: id, on: connection, logger: logger)
            if !agencies.isEmpty,
               try await !units.servedAgencies(caller, roles: Set(staffRoles), on: connection, logger: logger).isDisjoint(with: agencies) {
                return
            }
        }
        throw Problem(status: 403, title: "Forbidden", detail: "Only the document's owner and the officers of the agencies handling its dossier may read it.")
    }

    /// True when the caller is an officer of a unit serving the agency of `dossierCode`.
    static func servesDossier(_ dossierCode: String?, caller: Caller, units: OrgUnitCopies,
                              on connection: PostgresConnection, logger: Logger) async throws -> Bool {
        guard let agency = dossierCode.flatMap(DossierCode.init)?.agency.rawValue, isStaff(caller) else { return false }
        return try await units.servedAgencies(caller, roles: Set(staffRoles), on: connection, logger: logger).contains(agency)
    }

    /// True when the caller holds one of `roles` in a unit serving `agency`.
    static func serves(_ agency: String?, caller: Caller, roles: Set<Role>, units: OrgUnitCopies,
                       on connection: PostgresConnection, logger: Logger) async throws -> Bool {
        guard let agency, caller.isAuthenticated else { return false }
        return try await units.servedAgencies(caller, roles: roles, on: connection, logger: logger).contains(agency)
    }

    /// Changing a document (a new version, attaching it): its owner, or staff for dossier documents.
    static func requireWrite(_ document: DocumentView, caller: Caller) throws {
        guard caller.isAuthenticated else { throw Problem.authenticationRequired }
        if let owner = document.ownerId, owner == caller.userId { return }
        if isStaff(caller) { return }
        throw Problem(status: 403, title: "Forbidden", detail: "Only the document's owner or an officer may change it.")
    }
}
