/// The shared electronic catalogs (danh mục điện tử dùng chung, DOMAIN.md "Shared electronic
/// catalogs"), each a list of entries keyed by `code`, with a `name` and columns of its own.
public enum SharedCatalog: String, CaseIterable, Sendable, Hashable, Codable {
    case administrativeUnits = "administrative-units"
    case agencies
    case sectors
    case documentTypes = "document-types"
    case ethnicities
    case nationalities

    /// The columns of the catalog's CSV files, in their usual order; `code` and `name` come first.
    public var columns: [SharedCatalogColumn] {
        let common = [SharedCatalogColumn("code", required: true), SharedCatalogColumn("name", required: true)]
        switch self {
        case .administrativeUnits:
            return common + [SharedCatalogColumn("level", required: true), SharedCatalogColumn("parentCode", required: false)]
        case .agencies:
            return common + [SharedCatalogColumn("parentCode", required: false),
                             SharedCatalogColumn("administrativeUnit", required: false)]
        case .sectors:
            return common + [SharedCatalogColumn("ministry", required: true)]
        case .documentTypes:
            return common + [SharedCatalogColumn("description", required: false)]
        case .ethnicities:
            return common + [SharedCatalogColumn("otherNames", required: false)]
        case .nationalities:
            return common + [SharedCatalogColumn("englishName", required: false)]
        }
    }

    /// The columns beyond `code` and `name`.
    public var extraColumns: [SharedCatalogColumn] { Array(columns.dropFirst(2)) }

    /// The known names, for messages (`administrative-units, agencies, …`).
    public static var knownNames: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// One column of a catalog's CSV file. A required column must be in the header and filled on
/// every line; an optional one may be left out of the header or left empty.
public struct SharedCatalogColumn: Sendable, Hashable {
    public let name: String
    public let required: Bool

    public init(_ name: String, required: Bool) {
        self.name = name
        self.required = required
    }
}

/// One entry of a shared catalog: its code, name and the values of its other columns (empty
/// optional values are left out).
public struct SharedCatalogEntry: Sendable, Hashable, Codable {
    public var code: String
    public var name: String
    public var attributes: [String: String]

    public init(code: String, name: String, attributes: [String: String] = [:]) {
        self.code = code
        self.name = name
        self.attributes = attributes
    }
}

/// Levels of administrative units since the two-level local government of 1 July 2025.
public enum AdministrativeLevel: String, CaseIterable, Sendable {
    case province
    case commune
}
