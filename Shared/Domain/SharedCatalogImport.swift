/// One record of a CSV file, with the line it starts on (the header is line 1).
public struct SharedCatalogRecord: Sendable, Hashable {
    public let line: Int
    public let fields: [String]

    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}

/// A validated entry and the line it came from.
public struct SharedCatalogRow: Sendable, Hashable {
    public let line: Int
    public let entry: SharedCatalogEntry

    public init(line: Int, entry: SharedCatalogEntry) {
        self.line = line
        self.entry = entry
    }
}

/// The pure rules of a CSV import: the header must name the catalog's columns, every line is
/// checked, and every error is reported at once as `line N: column` so that nothing is imported
/// from a file with a bad line.
public enum SharedCatalogImport {
    /// At most this many errors are listed; one more entry says how many were left out.
    public static let maximumErrors = 200

    /// The text without a leading UTF-8 byte-order mark.
    public static func strippingByteOrderMark(_ text: String) -> String {
        text.unicodeScalars.first == "\u{FEFF}" ? String(text.unicodeScalars.dropFirst()) : text
    }

    /// Validates the header and the records of a file for `catalog`; blank lines are skipped.
    /// Throws a `ValidationFailure` naming every bad line and field.
    public static func validate(_ catalog: SharedCatalog, header: SharedCatalogRecord?,
                                records: [SharedCatalogRecord]) throws(ValidationFailure) -> [SharedCatalogRow] {
        let expected = catalog.columns.map(\.name).joined(separator: ",")
        guard let header, !isBlank(header) else {
            throw ValidationFailure([FieldError(field: "line 1", message: "a header row is required: \(expected)")])
        }
        var errors: [FieldError] = []
        var positions: [String: Int] = [:]
        for (index, raw) in header.fields.enumerated() {
            let name = raw.trimmingWhitespace
            let field = "line \(header.line): \(name.isEmpty ? "column \(index + 1)" : name)"
            if !catalog.columns.contains(where: { $0.name == name }) {
                errors.append(FieldError(field: field, message: "is not a column of \(catalog.rawValue); the columns are \(expected)"))
            } else if positions[name] != nil {
                errors.append(FieldError(field: field, message: "appears twice in the header"))
            } else {
                positions[name] = index
            }
        }
        for column in catalog.columns where column.required && positions[column.name] == nil {
            errors.append(FieldError(field: "line \(header.line): \(column.name)", message: "is a required column; the columns are \(expected)"))
        }
        guard errors.isEmpty else { throw ValidationFailure(errors) }

        var rows: [SharedCatalogRow] = []
        var firstLine: [String: Int] = [:]
        for record in records where !isBlank(record) {
            guard record.fields.count == header.fields.count else {
                errors.append(FieldError(field: "line \(record.line)",
                                         message: "has \(record.fields.count) fields; the header has \(header.fields.count)"))
                continue
            }
            let values = positions.mapValues { record.fields[$0].trimmingWhitespace }
            let (entry, problems) = check(catalog, values: values, line: record.line)
            errors += problems
            if let earlier = firstLine[entry.code] {
                errors.append(FieldError(field: "line \(record.line): code", message: "repeats the code of line \(earlier)"))
            } else if !entry.code.isEmpty {
                firstLine[entry.code] = record.line
            }
            if problems.isEmpty { rows.append(SharedCatalogRow(line: record.line, entry: entry)) }
        }
        if errors.isEmpty && rows.isEmpty {
            errors.append(FieldError(field: "line \(header.line + 1)", message: "the file has a header but no entries"))
        }
        guard errors.isEmpty else { throw ValidationFailure(limited(errors)) }
        return rows
    }

    /// Checks one line's values (trimmed, by column name); returns the entry and its errors.
    static func check(_ catalog: SharedCatalog, values: [String: String], line: Int) -> (SharedCatalogEntry, [FieldError]) {
        var errors: [FieldError] = []
        func report(_ column: String, _ message: String?) {
            if let message { errors.append(FieldError(field: "line \(line): \(column)", message: message)) }
        }
        let code = values["code"] ?? ""
        let name = values["name"] ?? ""
        var attributes: [String: String] = [:]
        for column in catalog.extraColumns {
            if let value = values[column.name], !value.isEmpty { attributes[column.name] = value }
        }
        report("name", SharedCatalogRules.textProblem(name, required: true))
        let codeProblem: String? = code.isEmpty ? "is required"
            : code.count > SharedCatalogRules.maximumCodeLength ? "must be at most \(SharedCatalogRules.maximumCodeLength) characters" : nil
        var level: AdministrativeLevel?
        switch catalog {
        case .administrativeUnits:
            let text = values["level"] ?? ""
            report("level", SharedCatalogRules.levelProblem(text))
            level = AdministrativeLevel(rawValue: text)
            let parent = attributes["parentCode"]
            switch (level, parent) {
            case (.province?, _?): report("parentCode", "must be empty for a province")
            case (.commune?, nil): report("parentCode", "is required for a commune: the code of its province")
            case (.commune?, let parent?):
                if !SharedCatalogRules.isProvinceCode(parent) { report("parentCode", "must be a province code such as H30") }
            default: break
            }
        case .agencies:
            if let parent = attributes["parentCode"] {
                if !AgencyIdentifier.isWellFormed(parent) {
                    report("parentCode", "must be an agency identifier such as 000.00.00.H30")
                } else if parent == code {
                    report("parentCode", "must not be the agency itself")
                }
            }
            if let unit = attributes["administrativeUnit"], !SharedCatalogRules.isProvinceCode(unit) && !SharedCatalogRules.isCommuneCode(unit) {
                report("administrativeUnit", "must be the code of an administrative unit such as H30 or 30001")
            }
        case .sectors:
            report("ministry", SharedCatalogRules.textProblem(attributes["ministry"] ?? "", required: true))
        case .documentTypes, .ethnicities, .nationalities:
            break
        }
        for column in catalog.extraColumns where !["level", "parentCode", "administrativeUnit", "ministry"].contains(column.name) {
            report(column.name, SharedCatalogRules.textProblem(attributes[column.name] ?? "", required: column.required,
                                                               multiline: column.name == "description"))
        }
        report("code", codeProblem ?? SharedCatalogRules.codeProblem(code, in: catalog, level: level))
        errors.sort { order($0.field, catalog) < order($1.field, catalog) }
        return (SharedCatalogEntry(code: code, name: name, attributes: attributes), errors)
    }

    /// The entries of other catalogs, or already stored in this one, that `rows` refer to.
    public static func references(of rows: [SharedCatalogRow], in catalog: SharedCatalog) -> [SharedCatalog: Set<String>] {
        var wanted: [SharedCatalog: Set<String>] = [:]
        for row in rows {
            switch catalog {
            case .administrativeUnits:
                if let parent = row.entry.attributes["parentCode"] { wanted[.administrativeUnits, default: []].insert(parent) }
            case .agencies:
                if let parent = row.entry.attributes["parentCode"] { wanted[.agencies, default: []].insert(parent) }
                if let unit = row.entry.attributes["administrativeUnit"] { wanted[.administrativeUnits, default: []].insert(unit) }
            case .sectors, .documentTypes, .ethnicities, .nationalities:
                break
            }
        }
        return wanted
    }

    /// Checks that what `rows` refer to exists, in the file itself (which wins) or among the
    /// `stored` entries: a commune's province, an agency's parent agency and administrative unit.
    public static func unresolvedReferences(_ rows: [SharedCatalogRow], in catalog: SharedCatalog,
                                            stored: [SharedCatalog: [String: SharedCatalogEntry]]) -> [FieldError] {
        let inFile = Dictionary(rows.map { ($0.entry.code, $0.entry) }, uniquingKeysWith: { first, _ in first })
        func find(_ code: String, in target: SharedCatalog) -> SharedCatalogEntry? {
            (target == catalog ? inFile[code] : nil) ?? stored[target]?[code]
        }
        var errors: [FieldError] = []
        for row in rows {
            let field = "line \(row.line): "
            switch catalog {
            case .administrativeUnits:
                if let parent = row.entry.attributes["parentCode"] {
                    let found = find(parent, in: .administrativeUnits)
                    if found == nil {
                        errors.append(FieldError(field: field + "parentCode", message: "is not a known administrative unit: \(parent)"))
                    } else if found?.attributes["level"] != AdministrativeLevel.province.rawValue {
                        errors.append(FieldError(field: field + "parentCode", message: "\(parent) is not a province"))
                    }
                }
            case .agencies:
                if let parent = row.entry.attributes["parentCode"], find(parent, in: .agencies) == nil {
                    errors.append(FieldError(field: field + "parentCode", message: "is not a known agency: \(parent)"))
                }
                if let unit = row.entry.attributes["administrativeUnit"], find(unit, in: .administrativeUnits) == nil {
                    errors.append(FieldError(field: field + "administrativeUnit",
                                             message: "is not a known administrative unit: \(unit); import administrative-units first"))
                }
            case .sectors, .documentTypes, .ethnicities, .nationalities:
                break
            }
        }
        return limited(errors)
    }

    /// At most `maximumErrors` errors, and a last one saying how many more there were.
    public static func limited(_ errors: [FieldError]) -> [FieldError] {
        guard errors.count > maximumErrors else { return errors }
        return Array(errors.prefix(maximumErrors))
            + [FieldError(field: "file", message: "\(errors.count - maximumErrors) more errors not listed")]
    }

    static func isBlank(_ record: SharedCatalogRecord) -> Bool {
        record.fields.allSatisfy { $0.trimmingWhitespace.isEmpty }
    }

    /// Errors of a line in the order of the catalog's columns.
    static func order(_ field: String, _ catalog: SharedCatalog) -> Int {
        let column = field.split(separator: " ").last.map(String.init) ?? ""
        return catalog.columns.firstIndex { $0.name == column } ?? catalog.columns.count
    }
}
