/// Turns a submitted JSON document into a `Submission`, or lists every problem at once, each
/// naming its field (DOMAIN.md: guidance is given once, in full). Unknown fields are errors, so a
/// misspelt field is never silently dropped.
public enum SubmissionValidator {
    static let maximumNameLength = 200
    static let maximumAddressLength = 500
    static let maximumAttachments = 100

    public static func validate(_ document: JSONValue) -> Result<Submission, ValidationFailure> {
        var errors: [FieldError] = []
        guard case .object(let root) = document else {
            return .failure(ValidationFailure([FieldError(field: "", message: "the body must be a JSON object, not \(document.typeName)")]))
        }
        var reader = FieldReader(object: root, path: "", errors: errors)
        reader.rejectUnknown(allowed: ["procedureCode", "agencyCode", "channel", "applicant", "form", "attachments"])

        let procedureCode = reader.string("procedureCode", required: true) { ProcedureCode.isWellFormed($0) ? nil : "must be a procedure code such as 1.000948" }
        let agencyText = reader.string("agencyCode", required: true) { AgencyIdentifier.isWellFormed($0) ? nil : "must be an agency identifier such as 000.00.00.H30" }
        let channelText = reader.string("channel", required: true) { SubmissionChannel(rawValue: $0) == nil ? "must be one of online, direct, postal" : nil }
        let applicant = reader.object("applicant", required: true).flatMap { readApplicant($0, errors: &reader.errors) }
        let form = reader.object("form", required: true)
        let attachments = readAttachments(reader.array("attachments"), errors: &reader.errors)
        errors = reader.errors

        guard errors.isEmpty, let procedureCode, let agencyText, let agency = AgencyIdentifier(agencyText),
              let channelText, let channel = SubmissionChannel(rawValue: channelText),
              let applicant, let form else {
            return .failure(ValidationFailure(errors))
        }
        return .success(Submission(procedureCode: procedureCode, agencyCode: agency, channel: channel,
                                   applicant: applicant, form: form, attachments: attachments))
    }

    private static func readApplicant(_ object: [String: JSONValue], errors: inout [FieldError]) -> Submission.Applicant? {
        var reader = FieldReader(object: object, path: "applicant.", errors: errors)
        reader.rejectUnknown(allowed: ["kind", "name", "idNumber", "phone", "email", "address"])
        let kindText = reader.string("kind", required: true) { ApplicantKind(rawValue: $0) == nil ? "must be citizen or organisation" : nil }
        let name = reader.string("name", required: true) { text in
            text.trimmingWhitespace.isEmpty ? "must not be blank"
                : text.count > maximumNameLength ? "must be at most \(maximumNameLength) characters" : nil
        }
        let kind = kindText.flatMap(ApplicantKind.init(rawValue:))
        let idNumber = reader.string("idNumber", required: true) { text in
            switch kind {
            case .citizen: ApplicantRules.isPersonalIdentificationNumber(text) ? nil : "must be the 12-digit personal identification number"
            case .organisation: ApplicantRules.isTaxCode(text) ? nil : "must be a tax code (10 digits, or 10-3 digits)"
            case nil: nil
            }
        }
        let phone = reader.string("phone", required: false) { ApplicantRules.isPhoneNumber($0) ? nil : "must be a Vietnamese phone number such as 0912345678" }
        let email = reader.string("email", required: false) { ApplicantRules.isEmail($0) ? nil : "must be an e-mail address" }
        let address = reader.string("address", required: false) { $0.count > maximumAddressLength ? "must be at most \(maximumAddressLength) characters" : nil }
        errors = reader.errors
        guard let kind, let name, let idNumber, reader.errors.count == errors.count else { return nil }
        return Submission.Applicant(kind: kind, name: name.trimmingWhitespace, idNumber: idNumber,
                                    phone: phone, email: email, address: address)
    }

    private static func readAttachments(_ items: [JSONValue]?, errors: inout [FieldError]) -> [Submission.Attachment] {
        guard let items else { return [] }
        if items.count > maximumAttachments {
            errors.append(FieldError(field: "attachments", message: "must list at most \(maximumAttachments) items"))
            return []
        }
        var result: [Submission.Attachment] = []
        for (index, item) in items.enumerated() {
            let path = "attachments[\(index)]"
            guard case .object(let object) = item else {
                errors.append(FieldError(field: path, message: "must be an object, not \(item.typeName)"))
                continue
            }
            var reader = FieldReader(object: object, path: path + ".", errors: errors)
            reader.rejectUnknown(allowed: ["componentCode", "documentId"])
            let component = reader.string("componentCode", required: true) { $0.isEmpty || $0.count > 64 ? "must be 1 to 64 characters" : nil }
            let document = reader.string("documentId", required: true) { isUUID($0) ? nil : "must be a document id (UUID)" }
            errors = reader.errors
            if let component, let document {
                result.append(Submission.Attachment(componentCode: component, documentId: document.lowercased()))
            }
        }
        return result
    }

    static func isUUID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(index) {
                guard byte == UInt8(ascii: "-") else { return false }
            } else if !(isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte | 0x20)) {
                return false
            }
        }
        return true
    }
}

/// Reads typed fields out of a JSON object, collecting errors with full field paths.
struct FieldReader {
    let object: [String: JSONValue]
    let path: String
    var errors: [FieldError]

    mutating func rejectUnknown(allowed: Set<String>) {
        for key in object.keys.sorted() where !allowed.contains(key) {
            errors.append(FieldError(field: path + key, message: "is not a known field"))
        }
    }

    /// A string field; `rule` returns a message when the value breaks it.
    mutating func string(_ key: String, required: Bool, rule: (String) -> String?) -> String? {
        switch object[key] {
        case nil, .null?:
            if required { errors.append(FieldError(field: path + key, message: "is required")) }
            return nil
        case .string(let value)?:
            if let message = rule(value) {
                errors.append(FieldError(field: path + key, message: message))
                return nil
            }
            return value
        case let other?:
            errors.append(FieldError(field: path + key, message: "must be a string, not \(other.typeName)"))
            return nil
        }
    }

    mutating func object(_ key: String, required: Bool) -> [String: JSONValue]? {
        switch object[key] {
        case nil, .null?:
            if required { errors.append(FieldError(field: path + key, message: "is required")) }
            return nil
        case .object(let value)?:
            return value
        case let other?:
            errors.append(FieldError(field: path + key, message: "must be an object, not \(other.typeName)"))
            return nil
        }
    }

    mutating func array(_ key: String) -> [JSONValue]? {
        switch object[key] {
        case nil, .null?:
            return nil
        case .array(let value)?:
            return value
        case let other?:
            errors.append(FieldError(field: path + key, message: "must be an array, not \(other.typeName)"))
            return nil
        }
    }
}
