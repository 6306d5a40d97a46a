import Foundation
import Testing

/// One request a row sends: the concrete path (with its query), and the body.
struct MatrixRequest: Sendable {
    var path: String
    var body: Data?
    var contentType: String?

    static func json(_ path: String, _ text: String) -> MatrixRequest {
        MatrixRequest(path: path, body: Data(text.utf8), contentType: "application/json")
    }
}

/// One line of the authorization matrix: an operation of the OpenAPI document (method and path
/// template), optionally a variant of it (another query, another target), the request each caller
/// sends, and the status each caller must get.
///
/// A row that changes something (`mutates`) sends the callers expected to succeed last, one after
/// the other, so every refused caller met the same state; `then` moves the fixtures on afterwards
/// (the dossier to the state the next row needs).
struct MatrixRow: Sendable {
    typealias Build = @Sendable (MatrixFixtures, MatrixCaller) -> MatrixRequest
    typealias Check = @Sendable (MatrixFixtures, MatrixCaller, HTTP.Result) -> String?

    let method: HTTP.Method
    let template: String
    let variant: String
    let expected: [MatrixCaller: Int]
    let request: Build
    var mutates = false
    var check: Check?
    /// Checked before the row's requests: nil when the fixtures are as the row needs, else why not.
    var before: (@Sendable (MatrixFixtures) async throws -> String?)?
    var then: (@Sendable (MatrixFixtures) async throws -> Void)?

    /// `METHOD /path`, as the OpenAPI document names the operation.
    var operation: String { "\(method.rawValue) \(template)" }
    var label: String { variant.isEmpty ? operation : "\(operation) [\(variant)]" }

    init(_ method: HTTP.Method, _ template: String, _ variant: String = "", _ expected: String,
         mutates: Bool = false, check: Check? = nil, before: (@Sendable (MatrixFixtures) async throws -> String?)? = nil,
         then: (@Sendable (MatrixFixtures) async throws -> Void)? = nil,
         request: @escaping Build) {
        self.method = method
        self.template = template
        self.variant = variant
        self.expected = Self.parse(expected, row: "\(method.rawValue) \(template) \(variant)")
        self.request = request
        self.mutates = mutates
        self.check = check
        self.before = before
        self.then = then
    }

    /// `"401 | 200 404 404 404 | 200 200 200 200 200 404 | 404 404 404 404 404 404"`: one status per
    /// caller, in the order and groups of `MatrixCaller.groups`; `all 200` for everyone alike.
    static func parse(_ text: String, row: String) -> [MatrixCaller: Int] {
        if text.hasPrefix("all "), let status = Int(text.dropFirst(4)) {
            return Dictionary(uniqueKeysWithValues: MatrixCaller.allCases.map { ($0, status) })
        }
        let groups = text.split(separator: "|").map { $0.split(separator: " ").compactMap { Int($0) } }
        guard groups.map(\.count) == MatrixCaller.groups.map(\.count) else {
            preconditionFailure("matrix row \(row): expected groups of \(MatrixCaller.groups.map(\.count)), got \(groups.map(\.count))")
        }
        return Dictionary(uniqueKeysWithValues: zip(MatrixCaller.groups.joined(), groups.joined()).map { ($0, $1) })
    }

    /// The statuses in the table's notation, for printing what was seen.
    static func format(_ statuses: [MatrixCaller: Int]) -> String {
        MatrixCaller.groups.map { group in group.map { statuses[$0].map(String.init) ?? "---" }.joined(separator: " ") }
            .joined(separator: " | ")
    }
}
