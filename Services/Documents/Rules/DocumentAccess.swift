import Contracts
import Domain
import ServiceKit

/// Who may read a document: its owner; staff handling dossiers (one-stop officers, specialists,
/// department heads, agency leaders) for documents that belong to a dossier (components,
/// digitised copies, results). Everyone else: 403 (anonymous: 401).
enum DocumentAccess {
    static let staffRoles: [Role] = [.oneStopOfficer, .specialist, .departmentHead, .agencyLeader]

    static func isStaff(_ caller: Caller) -> Bool {
        staffRoles.contains { caller.holds($0.rawValue) }
    }

    static func requireRead(_ document: DocumentView, caller: Caller) throws {
        guard caller.isAuthenticated else { throw Problem.authenticationRequired }
        if let owner = document.ownerId, owner == caller.userId { return }
        if isStaff(caller) && document.dossierCode != nil { return }
        throw Problem(status: 403, title: "Forbidden", detail: "Only the document's owner and the officers handling its dossier may read it.")
    }

    /// Changing a document (a new version, attaching it): its owner, or staff for dossier documents.
    static func requireWrite(_ document: DocumentView, caller: Caller) throws {
        guard caller.isAuthenticated else { throw Problem.authenticationRequired }
        if let owner = document.ownerId, owner == caller.userId { return }
        if isStaff(caller) { return }
        throw Problem(status: 403, title: "Forbidden", detail: "Only the document's owner or an officer may change it.")
    }
}
