import Contracts
import Domain
import Foundation

/// The online submission form of one procedure, as the portal's pages post it: field names are
/// the paths of the submission document (`applicant.name`, `form.childName`, `agencyCode`), a
/// component's stored document is `doc.<component code>` (with its file name in
/// `docname.<component code>`). It builds the JSON document `POST /api/v1/dossiers` takes and
/// checks it with the very rules intake applies (`SubmissionValidator`, `EFormValidator`, the
/// required components), so the page refuses exactly what the API would, field by field.
public struct OnlineSubmissionForm: Sendable {
    public let procedure: ProcedureDefinition
    public let fields: [String: String]
    /// `online` for the portal; `direct` or `postal` when a desk officer enters it (the workspace's counter intake).
    public let channel: SubmissionChannel

    public init(procedure: ProcedureDefinition, fields: [String: String], channel: SubmissionChannel = .online) {
        self.procedure = procedure
        self.fields = fields
        self.channel = channel
    }

    /// A problem with one field of the page, named as the page names it.
    public struct Problem: Sendable, Hashable {
        public var field: String
        /// The catalog key of the message (`error_required`, …), with its placeholders.
        public var key: String
        public var values: [String: String]
        /// The validator's own words, for a message the catalog has no key for.
        public var detail: String
    }

    static let applicantFields = ["kind", "name", "idNumber", "phone", "email", "address"]

    /// A field's value with the surrounding white space trimmed; nil when blank.
    public func value(_ name: String) -> String? {
        fields[name].map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The agency the dossier goes to: the only one, or the one chosen.
    public var agencyCode: String? {
        procedure.agencies.count == 1 ? procedure.agencies[0] : value("agencyCode")
    }

    /// The component documents handed in, by component code.
    public var documents: [String: String] {
        var documents: [String: String] = [:]
        for component in procedure.components {
            if let id = value("doc.\(component.code)") { documents[component.code] = id }
        }
        return documents
    }

    /// The submission document, with the form's `channel`.
    public var document: JSONValue {
        var applicant: [String: JSONValue] = [:]
        for name in Self.applicantFields {
            if let text = value("applicant.\(name)") { applicant[name] = .string(text) }
        }
        var form: [String: JSONValue] = [:]
        for field in procedure.eForm.fields {
            if let typed = typedValue(field) { form[field.name] = typed }
        }
        var root: [String: JSONValue] = [
            "procedureCode": .string(procedure.code), "channel": .string(channel.rawValue),
            "applicant": .object(applicant), "form": .object(form),
            "attachments": .array(procedure.components.compactMap { component in
                documents[component.code].map { .object(["componentCode": .string(component.code), "documentId": .string($0)]) }
            }),
        ]
        if let agency = agencyCode { root["agencyCode"] = .string(agency) }
        return .object(root)
    }

    /// The value of an e-form field as JSON of its type; text that is not of the type stays text,
    /// so the validator names the field.
    func typedValue(_ field: EFormField) -> JSONValue? {
        let name = "form.\(field.name)"
        switch field.type {
        case .boolean:
            if value(name) != nil { return .bool(true) }
            return field.required ? nil : .bool(false)
        case .number:
            guard let text = value(name) else { return nil }
            return Double(text.replacingOccurrences(of: ",", with: ".")).map(JSONValue.number) ?? .string(text)
        case .integer:
            guard let text = value(name) else { return nil }
            let digits = text.filter { $0 != "." && $0 != "," && $0 != " " }
            return Double(digits).map(JSONValue.number) ?? .string(text)
        case .string, .date, .enum:
            return value(name).map(JSONValue.string)
        }
    }

    /// Every problem, in the order of the page; empty when intake would accept the submission.
    public var problems: [Problem] {
        var found: [FieldError] = []
        if procedure.agencies.count > 1, let chosen = value("agencyCode"), !procedure.agencies.contains(chosen) {
            found.append(FieldError(field: "agencyCode", message: "is not an agency of this procedure"))
        }
        switch SubmissionValidator.validate(document) {
        case .failure(let failure): found += failure.errors
        case .success: break
        }
        found += EFormValidator.problems(in: document.objectValue?["form"] ?? .object([:]), against: procedure.eForm)
        for component in procedure.components where component.required && documents[component.code] == nil {
            found.append(FieldError(field: "doc.\(component.code)", message: "is required"))
        }
        var seen = Set<String>()
        let unique = found.filter { seen.insert($0.field).inserted }
        let order = pageOrder
        return unique.sorted { (order[$0.field] ?? Int.max, $0.field) < (order[$1.field] ?? Int.max, $1.field) }.map(Self.problem)
    }

    /// The fields in the order the page shows them.
    var pageOrder: [String: Int] {
        let names = ["agencyCode"] + Self.applicantFields.map { "applicant.\($0)" }
            + procedure.eForm.fields.map { "form.\($0.name)" } + procedure.components.map { "doc.\($0.code)" }
        return Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
    }

    /// The catalog key for a validator's message.
    static func problem(_ error: FieldError) -> Problem {
        let message = error.message
        func make(_ key: String, _ values: [String: String] = [:]) -> Problem {
            Problem(field: error.field, key: key, values: values, detail: message)
        }
        if message == "is required" || message == "must not be blank" { return make("error_required") }
        if message.hasPrefix("must be the 12-digit") { return make("error_pin") }
        if message.hasPrefix("must be a tax code") { return make("error_tax_code") }
        if message.hasPrefix("must be a Vietnamese phone") { return make("error_phone") }
        if message == "must be an e-mail address" { return make("error_email") }
        if message == "does not have the expected form" { return make("error_pattern") }
        if message.hasPrefix("must be a date") { return make("error_date") }
        if message.hasPrefix("must be one of") || message.hasPrefix("is not an agency") || message.hasPrefix("must be citizen") {
            return make("error_option")
        }
        if message.hasPrefix("must be a whole number") || message.hasPrefix("must be an integer") || message.hasPrefix("must be a number") {
            return make("error_number")
        }
        for (prefix, key) in [("must be at least ", "error_min"), ("must be at most ", "error_max")] where message.hasPrefix(prefix) {
            let rest = message.dropFirst(prefix.count)
            let number = String(rest.prefix { $0.isNumber || $0 == "." || $0 == "-" })
            return make(rest.hasSuffix("characters") ? key + "_length" : key, ["limit": number])
        }
        return make("error_other")
    }
}

extension JSONValue {
    var objectValue: [String: JSONValue]? {
        if case .object(let object) = self { return object }
        return nil
    }
}
