import Contracts
import Foundation

/// What the pages keep of the catalog for a minute: the agencies that offer published procedures
/// (the search's agency filter), agency names, org unit names and procedure names by code (the status
/// page). The catalog and identity stay the source; a procedure published meanwhile shows within `lifetime`.
actor PublishedProcedures {
    let backend: Backend
    static let lifetime: TimeInterval = 60
    private var agencies: (codes: [String], at: Date)?
    private var names: [String: (name: String, at: Date)] = [:]
    private var agencyNames: (names: [String: String], at: Date)?
    private var unitNames: (names: [String: String], at: Date)?

    init(backend: Backend) { self.backend = backend }

    /// The agency identifiers of all published procedures, sorted.
    func agencyCodes(requestID: String) async throws -> [String] {
        if let agencies, Date().timeIntervalSince(agencies.at) < Self.lifetime { return agencies.codes }
        var codes = Set<String>()
        var page = 1
        while true {
            let found = try await backend.call(.catalog, "procedures.search",
                                               ProcedureSearch(query: nil, sector: nil, agency: nil, level: nil, page: page, pageSize: 200),
                                               as: Page<ProcedureSummary>.self, requestID: requestID)
            found.items.forEach { codes.formUnion($0.agencies) }
            if found.items.isEmpty || page * found.pageSize >= found.total || page >= 50 { break }
            page += 1
        }
        let sorted = codes.sorted()
        agencies = (sorted, Date())
        return sorted
    }

    /// Agency identifier → name (the catalog's copy of identity's tree); an agency without a
    /// known name is shown by its identifier.
    func agencyNames(requestID: String) async throws -> [String: String] {
        if let agencyNames, Date().timeIntervalSince(agencyNames.at) < Self.lifetime { return agencyNames.names }
        let list = try await backend.call(.catalog, "agencies.names", Empty(), as: [AgencyName].self, requestID: requestID)
        let names = Dictionary(list.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        agencyNames = (names, Date())
        return names
    }

    /// Org unit code → name, for the units named in a dossier's history (identity's tree).
    func unitNames(requestID: String) async throws -> [String: String] {
        if let unitNames, Date().timeIntervalSince(unitNames.at) < Self.lifetime { return unitNames.names }
        let units = try await backend.call(.identity, "org-units.all", Empty(), as: [OrgUnitView].self, requestID: requestID)
        let names = Dictionary(units.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        unitNames = (names, Date())
        return names
    }

    /// The name of the procedure's latest published version; nil when the catalog has none.
    func name(of code: String, requestID: String) async -> String? {
        if let known = names[code], Date().timeIntervalSince(known.at) < Self.lifetime { return known.name }
        guard let view = try? await backend.call(.catalog, "procedures.get", ProcedureReference(code: code), as: ProcedureView.self,
                                                 requestID: requestID) else { return nil }
        if names.count > 10_000 { names.removeAll() }
        names[code] = (view.procedure.name, Date())
        return view.procedure.name
    }
}
