import Contracts
import Domain
import Foundation

/// One tab of the workspace's work queues (`/workspace/?tab=`): the roles it is shown to and what
/// it asks of processing's queue, on top of the page's filters. Processing's queue decides which
/// dossiers the user may see at all (the agencies their units serve); a tab only narrows that.
struct WorkQueueTab: Sendable {
    /// The `tab` parameter and the catalog key's suffix (`wq_tab_<id>`).
    let id: String
    let roles: [Role]
    let narrow: @Sendable (inout WorkQueueQuery, WorkspaceAccess) -> Void

    /// Every tab, in the order the page shows them: each role's main work first, as the first
    /// visible tab is the default (desk: to receive; head: to assign; specialist: assigned to me;
    /// leader: waiting for approval).
    static let all: [WorkQueueTab] = [
        WorkQueueTab(id: "receive", roles: [.oneStopOfficer]) { query, _ in query.narrow(to: .awaitingReception) },
        WorkQueueTab(id: "assign", roles: [.departmentHead]) { query, _ in query.narrow(to: .transferred) },
        WorkQueueTab(id: "mine", roles: [.specialist, .departmentHead]) { query, _ in
            query.assignee = "me"
            query.narrow(to: .inHandling)
        },
        WorkQueueTab(id: "approval", roles: [.agencyLeader]) { query, _ in query.narrow(to: .awaitingApproval) },
        WorkQueueTab(id: "supplements", roles: [.oneStopOfficer, .specialist, .departmentHead]) { query, access in
            // Supplied after a request and not acted on since: at the desk, back for reception;
            // at the agency, the handler's own.
            query.lastAction = DossierAction.Kind.supplement.rawValue
            if access.holds(.oneStopOfficer) { query.narrow(to: .awaitingReception) } else { query.assignee = "me" }
        },
        WorkQueueTab(id: "transfer", roles: [.oneStopOfficer]) { query, _ in query.narrow(to: .received) },
        WorkQueueTab(id: "issue", roles: [.agencyLeader]) { query, _ in query.narrow(to: .approved) },
        WorkQueueTab(id: "results", roles: [.oneStopOfficer]) { query, _ in query.narrow(to: .resultIssued) },
        WorkQueueTab(id: "all", roles: [.oneStopOfficer, .specialist, .departmentHead, .agencyLeader, .supervisor]) { _, _ in },
    ]

    /// The tabs the user's roles show (none for an administrator only: no dossier work).
    static func visible(to access: WorkspaceAccess) -> [WorkQueueTab] {
        all.filter { access.holdsAny($0.roles) }
    }

    /// The tab's query: the page's filters narrowed by the tab.
    func query(_ filters: WorkQueueQuery, access: WorkspaceAccess) -> WorkQueueQuery {
        var query = filters
        narrow(&query, access)
        return query
    }
}

extension WorkQueueQuery {
    /// Only dossiers in `state`. Its national status goes along (kept with the page's status
    /// filter: none left when they differ), so processing's count and rows use the
    /// (agency, status) index rather than reading every dossier of the agency.
    mutating func narrow(to state: DossierState) {
        self.state = state.rawValue
        let code = state.nationalStatus.rawValue
        status = (status ?? [code]).contains(code) ? [code] : status
    }
}
