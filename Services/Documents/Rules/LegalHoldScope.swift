import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO
import ServiceKit

/// Who places or lifts a legal hold: an administrator of the province (a root unit: every
/// document), or of a unit whose agencies include the agency of the document's dossier. An
/// agency's administrator does not freeze or release another agency's records.
enum LegalHoldScope {
    static func require(_ id: UUID, caller: Caller, store: DocumentStore, units: OrgUnitCopies,
                        on connection: PostgresConnection, logger: Logger) async throws {
        guard let document = try await store.find(id, on: connection, logger: logger) else {
            throw Problem.notFound("No document \(id.uuidString.lowercased()).")
        }
        let administered = caller.units(holding: .administrator)
        if try await units.includesRoot(administered, on: connection, logger: logger) { return }
        if let agency = document.dossierCode.flatMap(DossierCode.init)?.agency.rawValue,
           try await units.agencies(under: administered, on: connection, logger: logger).contains(agency) {
            return
        }
        throw Problem(status: 403, title: "Forbidden", detail:
            "Only administrators of the province, or of the agency whose dossier holds the document, place or lift its legal hold.")
    }
}
