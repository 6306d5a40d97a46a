/// `catalog.agencies.names`: each agency identifier (mã định danh, `000.00.01.H30`) with the
/// name of its top org unit in the catalog's copy of identity's tree — public facts the portal
/// shows instead of bare identifiers.
public struct AgencyName: Codable, Sendable, Hashable {
    public var code: String
    public var name: String

    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }
}
