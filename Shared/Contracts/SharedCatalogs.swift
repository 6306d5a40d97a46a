import Domain
import Foundation

/// `catalog.shared-catalogs.list`: one page of a shared catalog, `query` matched against code,
/// name and other values ignoring case and diacritics.
public struct SharedCatalogQuery: Codable, Sendable {
    public var name: String
    public var page: Int
    public var pageSize: Int
    public var query: String?

    public init(name: String, page: Int, pageSize: Int, query: String? = nil) {
        self.name = name
        self.page = page
        self.pageSize = pageSize
        self.query = query
    }
}

/// An entry as clients see it: `code`, `name` and the catalog's other columns as fields of their
/// own (`{"code": "30001", "name": "Phường Hòa Bình", "level": "commune", "parentCode": "H30"}`).
public struct SharedCatalogItem: Codable, Sendable, Hashable {
    public var entry: SharedCatalogEntry

    public init(_ entry: SharedCatalogEntry) { self.entry = entry }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        var values: [String: String] = [:]
        for key in container.allKeys { values[key.stringValue] = try container.decode(String.self, forKey: key) }
        let code = values.removeValue(forKey: "code") ?? ""
        let name = values.removeValue(forKey: "name") ?? ""
        entry = SharedCatalogEntry(code: code, name: name, attributes: values)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(entry.code, forKey: Key(stringValue: "code"))
        try container.encode(entry.name, forKey: Key(stringValue: "name"))
        for (key, value) in entry.attributes.sorted(by: { $0.key < $1.key }) {
            try container.encode(value, forKey: Key(stringValue: key))
        }
    }
}

/// A page of a shared catalog (`name` is the catalog's).
public struct SharedCatalogPage: Codable, Sendable, Hashable {
    public var name: String
    public var items: [SharedCatalogItem]
    public var page: Int
    public var pageSize: Int
    public var total: Int

    public init(name: String, items: [SharedCatalogItem], page: Int, pageSize: Int, total: Int) {
        self.name = name
        self.items = items
        self.page = page
        self.pageSize = pageSize
        self.total = total
    }
}

/// `catalog.shared-catalogs.import`: a CSV file (UTF-8, already decoded by the gateway) for the
/// catalog `name`, administrators only.
public struct ImportSharedCatalog: Codable, Sendable {
    public var name: String
    public var csv: String

    public init(name: String, csv: String) {
        self.name = name
        self.csv = csv
    }
}

/// The outcome of an import, and the data of `catalog.shared-catalog.changed`: entries upserted by
/// code, counted as created, updated or unchanged.
public struct SharedCatalogImportResult: Codable, Sendable, Hashable {
    public var name: String
    public var created: Int
    public var updated: Int
    public var unchanged: Int
    public var total: Int

    public init(name: String, created: Int, updated: Int, unchanged: Int) {
        self.name = name
        self.created = created
        self.updated = updated
        self.unchanged = unchanged
        self.total = created + updated + unchanged
    }
}

extension EventName {
    /// A shared catalog was imported and something in it changed; data: `SharedCatalogImportResult`.
    public static let sharedCatalogChanged = EventName(routingKey: "catalog.shared-catalog.changed")
}
