import Domain

/// The password policy for accounts created or changed in onegate: at least 10 characters, with
/// letters and digits, not containing the username. Returns every broken rule at once.
enum PasswordPolicy {
    static let minimumLength = 10

    static func problems(password: String, username: String) -> [FieldError] {
        var messages: [String] = []
        if password.count < minimumLength { messages.append("must be at least \(minimumLength) characters") }
        if !password.contains(where: \.isLetter) { messages.append("must contain a letter") }
        if !password.contains(where: \.isNumber) { messages.append("must contain a digit") }
        if !username.isEmpty && password.lowercased().contains(username.lowercased()) {
            messages.append("must not contain the username")
        }
        return messages.map { FieldError(field: "password", message: $0) }
    }
}
