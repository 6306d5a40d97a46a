/// The agencies whose figures a caller may read in the reports.
///
/// Reports are read by administrators, supervisors, agency leaders and department heads
/// (`ReportScope.readers`), each within the org unit they hold the role in:
/// - at a level-1 unit (a root of the org-unit tree: a province or a ministry) the scope is every
///   agency whose identifier carries that unit's level-1 code (the `MX1X2` group of Circular
///   10/2016/TT-BTTTT, e.g. `H30`): the whole province, communes not listed in the tree included;
/// - at any other unit, the agencies of that unit and of the units below it.
/// Nothing sits above a province or ministry in the model, so no caller reads across them.
public struct ReportScope: Sendable, Hashable {
    /// The roles that read reports.
    public static let readers: Set<Role> = [.administrator, .supervisor, .agencyLeader, .departmentHead]

    /// Level-1 codes (`H30`) every agency of which is in scope.
    public private(set) var levelOneCodes: Set<String>
    /// Further agencies in scope, one by one.
    public private(set) var agencies: Set<String>

    public init(levelOneCodes: Set<String> = [], agencies: Set<String> = []) {
        self.levelOneCodes = levelOneCodes
        self.agencies = agencies
    }

    /// The units of `assignments` (role, unit) whose role reads reports.
    public static func readingUnits(_ assignments: [(role: String, unit: String)]) -> [String] {
        var units: [String] = []
        for (role, unit) in assignments {
            guard let role = Role(rawValue: role), readers.contains(role), !units.contains(unit) else { continue }
            units.append(unit)
        }
        return units
    }

    /// Adds a whole level-1 unit, given its own agency identifier (`000.00.00.H30` adds `H30`).
    public mutating func addLevelOne(agency: String) {
        guard let code = Self.levelOneCode(of: agency) else { return }
        levelOneCodes.insert(code)
    }

    public mutating func add(agencies more: Set<String>) {
        agencies.formUnion(more)
    }

    /// No agency at all: the caller's units hold none.
    public var isEmpty: Bool { levelOneCodes.isEmpty && agencies.isEmpty }

    public func contains(_ agency: String) -> Bool {
        agencies.contains(agency) || Self.levelOneCode(of: agency).map(levelOneCodes.contains) == true
    }

    /// The `MX1X2` group of a well-formed agency identifier.
    public static func levelOneCode(of agency: String) -> String? {
        guard AgencyIdentifier.isWellFormed(agency), let last = agency.split(separator: ".").last else { return nil }
        return String(last)
    }
}
