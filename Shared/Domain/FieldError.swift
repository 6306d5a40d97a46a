/// A validation failure tied to one input field, named by its JSON path (`applicant.idNumber`).
public struct FieldError: Sendable, Hashable, Codable {
    public let field: String
    public let message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}

/// One or more field errors, all found in one pass.
public struct ValidationFailure: Error, Sendable, Hashable {
    public let errors: [FieldError]
    public init(_ errors: [FieldError]) { self.errors = errors }
}
