import Contracts
import Domain
import ServiceKit

/// Who manages every partner's subscriptions besides the partner itself: the administrators of a
/// root unit (the province or ministry). Partners belong to no agency, and a delivery log names
/// the dossiers of every agency, so an agency's administrator has no say over them. Read from
/// integration's own copy of identity's org units.
struct SubscriptionManagers: Sendable {
    let runtime: ServiceRuntime
    let units: OrgUnitCopies

    /// The caller's user id, and whether they manage every partner's subscriptions; 401 for
    /// anonymous callers, 403 for anyone who is neither a partner nor such an administrator.
    func manager(_ caller: Caller) async throws -> (user: String, administers: Bool) {
        guard let user = caller.userId else { throw Problem.authenticationRequired }
        let administered = caller.units(holding: .administrator)
        var administers = false
        if !administered.isEmpty {
            administers = try await runtime.database.withConnection { connection in
                try await units.includesRoot(administered, on: connection, logger: runtime.logger)
            }
        }
        guard caller.holds(Role.partner.rawValue) || administers else {
            throw Problem(status: 403, title: "Forbidden",
                          detail: "Only integration partners and the province's administrators manage subscriptions.")
        }
        return (user, administers)
    }
}
