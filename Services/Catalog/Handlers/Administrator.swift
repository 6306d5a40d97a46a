import Contracts
import Domain
import Logging
import PostgresNIO
import ServiceKit

/// Catalog writes are for administrators (anonymous callers get 401, others 403), within scope:
/// a procedure may be written by an administrator of a unit whose agency — or a unit below whose
/// agency — implements it; calendars and shared catalogs by administrators of a root unit (the
/// province). Scope is read from the catalog's own copy of identity's org units.
enum Administrator {
    static let orgUnits = OrgUnitCopies(schema: "catalog")

    static func require(_ caller: Caller) throws {
        try caller.require(.administrator, forbidden: "Only administrators edit the catalog.")
    }

    static func units(_ caller: Caller) -> [String] { caller.units(holding: .administrator) }

    /// 403 unless every agency in `agencies` is within the caller's administration.
    static func requireAgencies(_ agencies: [String], of caller: Caller, on connection: PostgresConnection, logger: Logger) async throws {
        let administered = try await orgUnits.agencies(under: units(caller), on: connection, logger: logger)
        let outside = agencies.filter { !administered.contains($0) }
        guard outside.isEmpty else {
            throw Problem(status: 403, title: "Forbidden",
                          detail: "Agencies \(outside.joined(separator: ", ")) are outside your administration.")
        }
    }

    /// 403 unless the caller administers a root unit (province-wide catalogs and calendars).
    static func requireProvince(_ caller: Caller, on connection: PostgresConnection, logger: Logger) async throws {
        guard try await orgUnits.includesRoot(units(caller), on: connection, logger: logger) else {
            throw Problem(status: 403, title: "Forbidden", detail: "Only province-level administrators edit this catalog.")
        }
    }
}
