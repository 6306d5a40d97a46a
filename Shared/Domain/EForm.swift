/// A procedure's e-form (tờ khai điện tử): the applicant's fields, defined in the catalog and
/// checked at intake (DOMAIN.md, "Procedure": name, type, required, pattern, options).
public struct EFormDefinition: Sendable, Hashable, Codable {
    public var fields: [EFormField]

    public init(fields: [EFormField]) {
        self.fields = fields
    }
}

/// One field of an e-form.
public struct EFormField: Sendable, Hashable, Codable {
    /// What a field's value is.
    public enum FieldType: String, Sendable, Hashable, Codable, CaseIterable {
        case string, number, integer, boolean, date, `enum`
    }

    /// The JSON key in the submitted `form` object (e.g. `childName`).
    public var name: String
    /// The label shown to applicants (e.g. "Họ, chữ đệm, tên người được khai sinh").
    public var label: String
    public var type: FieldType
    public var required: Bool
    /// A regular expression the whole string value must match (type `string` only).
    public var pattern: String?
    /// The allowed values (type `enum` only).
    public var options: [String]?
    /// Bounds: the length of a string, the value of a number or integer.
    public var min: Double?
    public var max: Double?

    public init(name: String, label: String, type: FieldType, required: Bool = false, pattern: String? = nil,
                options: [String]? = nil, min: Double? = nil, max: Double? = nil) {
        self.name = name
        self.label = label
        self.type = type
        self.required = required
        self.pattern = pattern
        self.options = options
        self.min = min
        self.max = max
    }
}

/// Checks a submitted `form` object against a published e-form definition, listing every problem
/// at once with its path (`form.childName`). Unknown keys are refused; `null` counts as absent.
/// Pure: intake calls it with the definition of the procedure version the dossier is submitted under.
public enum EFormValidator {
    public static func problems(in form: JSONValue, against definition: EFormDefinition, path: String = "form") -> [FieldError] {
        guard case .object(let values) = form else {
            return [FieldError(field: path, message: "must be an object, not \(form.typeName)")]
        }
        let known = Set(definition.fields.map(\.name))
        var errors = values.keys.sorted().filter { !known.contains($0) }
            .map { FieldError(field: "\(path).\($0)", message: "is not a field of this procedure's form") }
        for field in definition.fields {
            let fieldPath = "\(path).\(field.name)"
            guard let value = values[field.name], value != .null else {
                if field.required { errors.append(FieldError(field: fieldPath, message: "is required")) }
                continue
            }
            if let message = problem(with: value, for: field) { errors.append(FieldError(field: fieldPath, message: message)) }
        }
        return errors
    }

    /// The problem with one value, or nil when it fits the field.
    static func problem(with value: JSONValue, for field: EFormField) -> String? {
        switch (field.type, value) {
        case (.string, .string(let text)):
            if field.required, text.trimmingWhitespace.isEmpty { return "is required" }
            if let problem = bounds(Double(text.count), field, unit: " characters") { return problem }
            if let pattern = field.pattern, !matches(text, pattern) { return "does not have the expected form" }
            return nil
        case (.number, .number(let number)):
            return bounds(number, field, unit: "")
        case (.integer, .number(let number)):
            guard number.rounded(.towardZero) == number, abs(number) < 9_007_199_254_740_992 else { return "must be a whole number" }
            return bounds(number, field, unit: "")
        case (.boolean, .bool):
            return nil
        case (.date, .string(let text)):
            return parseDate(text) == nil ? "must be a date written YYYY-MM-DD" : nil
        case (.enum, .string(let text)):
            let options = field.options ?? []
            return options.contains(text) ? nil : "must be one of " + options.joined(separator: ", ")
        case (.date, _), (.enum, _):
            return "must be a string, not \(value.typeName)"
        default:
            return "must be \(field.type == .integer ? "an integer" : "a \(field.type.rawValue)"), not \(value.typeName)"
        }
    }

    static func bounds(_ value: Double, _ field: EFormField, unit: String) -> String? {
        if let min = field.min, value < min { return "must be at least \(number(min))\(unit)" }
        if let max = field.max, value > max { return "must be at most \(number(max))\(unit)" }
        return nil
    }

    /// True when `pattern` is a valid regular expression.
    public static func isValidPattern(_ pattern: String) -> Bool {
        (try? Regex(pattern)) != nil
    }

    static func matches(_ text: String, _ pattern: String) -> Bool {
        guard let regex = try? Regex(pattern) else { return false }
        return (try? regex.wholeMatch(in: text)) != nil
    }

    /// Parses `YYYY-MM-DD`.
    public static func parseDate(_ text: String) -> LocalDate? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        let digits = [0, 1, 2, 3, 5, 6, 8, 9]
        guard digits.allSatisfy({ isDigit(bytes[$0]) }) else { return nil }
        func value(_ range: [Int]) -> Int { range.reduce(0) { $0 * 10 + Int(bytes[$1] - 48) } }
        return LocalDate(year: value([0, 1, 2, 3]), month: value([5, 6]), day: value([8, 9]))
    }

    static func number(_ value: Double) -> String {
        value.rounded(.towardZero) == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
