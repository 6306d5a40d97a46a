import Contracts
import Domain
import Logging
import PostgresNIO
import ServiceKit

/// Which partners may submit dossiers, and for which agencies. A partner account submits only for
/// the agencies of the org units it holds `portal-submitter` in (and the units below), a right an
/// administrator of that unit grants; without it, 403. Applies to the portal dossiers integration
/// enters as `system` on behalf of the partner (`SubmitDossier.portalPartner`) and to a partner
/// account submitting directly alike. Integration's submissions must name their partner.
struct PartnerSubmissionRight: Sendable {
    let units: OrgUnitCopies

    /// The partner account a submission comes from, if any: the caller itself, or the partner
    /// integration names for a portal dossier. 403 for a `system` call naming none.
    static func partner(of request: SubmitDossier, caller: Caller) throws -> Caller? {
        if caller.holds(Role.system.rawValue) {
            guard let partner = request.portalPartner, partner.isAuthenticated else {
                throw Problem(status: 403, title: "Forbidden", detail: "A portal submission names the partner account it comes from.")
            }
            return partner
        }
        return caller.kind == "partner" ? caller : nil
    }

    /// 403 unless `partner` holds `portal-submitter` in a unit serving `agency`.
    func check(_ partner: Caller, agency: String, on connection: PostgresConnection, logger: Logger) async throws {
        let granted = partner.units(holding: .portalSubmitter)
        guard !granted.isEmpty else {
            throw Problem(status: 403, title: "Forbidden", detail:
                "Partner \(partner.userId ?? "-") may not submit dossiers: an administrator grants the portal-submitter role in the agencies' org unit.")
        }
        guard try await units.agencies(under: granted, on: connection, logger: logger).contains(agency) else {
            throw Problem(status: 403, title: "Forbidden", detail:
                "Partner \(partner.userId ?? "-") may not submit dossiers for agency \(agency).")
        }
    }
}
