import Contracts
import Domain

/// A self-registration, validated from the request body with every problem named at once: the
/// name, a citizen's 12-digit personal identification number or a business's tax code, phone,
/// e-mail and a password under `PasswordPolicy`.
struct NewAccount: Sendable {
    let fullName: String
    let applicantKind: ApplicantKind
    let idNumber: String
    let phone: String
    let email: String
    let password: String

    static let fields = ["fullName", "applicantKind", "idNumber", "phone", "email", "password"]

    static func validate(_ body: JSONValue) throws -> NewAccount {
        guard case .object(let object) = body else {
            throw ValidationFailure([FieldError(field: "", message: "the body must be a JSON object")])
        }
        var errors = object.keys.sorted().filter { !fields.contains($0) }.map { FieldError(field: $0, message: "is not a known field") }
        func string(_ key: String) -> String? {
            switch object[key] {
            case .string(let value)? where !value.trimmingWhitespace.isEmpty: return value
            case nil, .null?, .string?: errors.append(FieldError(field: key, message: "is required")); return nil
            case let other?: errors.append(FieldError(field: key, message: "must be a string, not \(other.typeName)")); return nil
            }
        }
        let fullName = string("fullName")?.trimmingWhitespace
        if let fullName, fullName.count > 200 || fullName.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            errors.append(FieldError(field: "fullName", message: "must be at most 200 characters, without control characters"))
        }
        let kindText = string("applicantKind")
        let kind = kindText.flatMap(ApplicantKind.init(rawValue:))
        if kindText != nil, kind == nil { errors.append(FieldError(field: "applicantKind", message: "must be citizen or organisation")) }
        let idNumber = string("idNumber")?.trimmingWhitespace
        if let idNumber, let kind {
            switch kind {
            case .citizen where !ApplicantRules.isPersonalIdentificationNumber(idNumber):
                errors.append(FieldError(field: "idNumber", message: "must be the 12-digit personal identification number"))
            case .organisation where !ApplicantRules.isTaxCode(idNumber):
                errors.append(FieldError(field: "idNumber", message: "must be a tax code: 10 digits, or 10 digits, '-' and 3 digits"))
            default: break
            }
        }
        let phone = string("phone")?.trimmingWhitespace
        if let phone, !ApplicantRules.isPhoneNumber(phone) {
            errors.append(FieldError(field: "phone", message: "must be a Vietnamese phone number such as 0912345678"))
        }
        let email = string("email")?.trimmingWhitespace.lowercased()
        if let email, !ApplicantRules.isEmail(email) { errors.append(FieldError(field: "email", message: "must be an e-mail address")) }
        let password = string("password")
        if let password {
            if password.count > 1024 { errors.append(FieldError(field: "password", message: "must be at most 1024 characters")) }
            errors += PasswordPolicy.problems(password: password, username: email ?? "")
        }
        guard errors.isEmpty, let fullName, let kind, let idNumber, let phone, let email, let password else {
            throw ValidationFailure(errors)
        }
        return NewAccount(fullName: fullName, applicantKind: kind, idNumber: idNumber, phone: phone, email: email, password: password)
    }
}
