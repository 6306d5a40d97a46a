import Contracts
import Domain
import Hummingbird

/// Refuses query strings no service should see: a parameter name or value with a control
/// character (a NUL byte reaches PostgreSQL as an error, others are never meant), or a value
/// longer than `maximumValueLength`. Answers 400 naming the parameter, before any route runs.
struct QueryGuardMiddleware: RouterMiddleware {
    typealias Context = GatewayContext
    /// Longer than any code, token or search text a route accepts.
    static let maximumValueLength = 1_024

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let errors = Self.errors(in: request.uri.queryParameters)
        guard errors.isEmpty else { throw Problem.validation(errors) }
        return try await next(request, context)
    }

    static func errors(in parameters: Parameters) -> [FieldError] {
        var errors: [FieldError] = []
        for (name, value) in parameters {
            let field = hasControlCharacter(name) ? "query" : String(name)
            if hasControlCharacter(name) || hasControlCharacter(value) {
                errors.append(FieldError(field: field, message: "must not contain control characters"))
            } else if value.count > maximumValueLength {
                errors.append(FieldError(field: field, message: "must be at most \(maximumValueLength) characters"))
            }
        }
        return Array(Set(errors)).sorted { $0.field < $1.field }
    }

    static func hasControlCharacter(_ text: Substring) -> Bool {
        text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
    }
}
