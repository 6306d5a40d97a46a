import Contracts
import Domain
import Foundation
import Hummingbird

/// `GET /api/v1/dossiers?status=&state=&agency=&procedure=&assignee=&unit=&overdue=&dueWithinHours=&page=&pageSize=`:
/// the caller's work queue, from processing (`processing.queue`).
extension DossiersController {
    @Sendable func queue(_ request: Request, context: GatewayContext) async throws -> Response {
        try Self.requireSignedIn(context)
        let query = try Self.workQueueQuery(request.uri.queryParameters)
        let page = try await backend.call(.processing, "queue", query, as: Page<WorkQueueItem>.self, caller: context.caller,
                                          requestID: context.requestID)
        return try JSONResponse.make(page)
    }

    static let defaultPageSize = 20
    static let pageSizes = 1...100
    static let dueWithinHoursRange = 1...720
    static let maximumFilterLength = 128

    /// Reads the queue's filters, naming every bad parameter at once. An empty value is the same
    /// as leaving the parameter out; `status` may repeat and each value may be a comma-separated list.
    static func workQueueQuery(_ parameters: Parameters) throws -> WorkQueueQuery {
        var errors: [FieldError] = []
        func value(_ name: String) -> String? {
            guard let text = parameters.get(name)?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            return text
        }
        func text(_ name: String, rule: (String) -> String?) -> String? {
            guard let text = value(name) else { return nil }
            if let message = text.count > maximumFilterLength ? "must be at most \(maximumFilterLength) characters" : rule(text) {
                errors.append(FieldError(field: name, message: message))
                return nil
            }
            return text
        }
        func whole(_ name: String, in range: ClosedRange<Int>, message: String) -> Int? {
            guard let text = value(name) else { return nil }
            guard let number = Int(text), range.contains(number) else {
                errors.append(FieldError(field: name, message: message))
                return nil
            }
            return number
        }

        var statuses: [Int] = []
        for piece in parameters.getAll("status").flatMap({ $0.split(separator: ",") }) {
            let text = piece.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { continue }
            guard let code = Int(text), NationalStatus(rawValue: code) != nil else {
                errors.append(FieldError(field: "status", message: "must be national status codes 1 to 10, repeated or comma-separated"))
                statuses = []
                break
            }
            if !statuses.contains(code) { statuses.append(code) }
        }
        let state = text("state") { DossierState(rawValue: $0) == nil
            ? "must be one of " + DossierState.allCases.map(\.rawValue).joined(separator: ", ") : nil }
        let agency = text("agency") { AgencyIdentifier.isWellFormed($0) ? nil : "must be an agency identifier such as 000.00.00.H30" }
        let procedure = text("procedure") { ProcedureCode.isWellFormed($0) ? nil : "must be a procedure code such as 1.000948" }
        let assignee = text("assignee") { _ in nil }
        let unit = text("unit") { $0.count > 64 ? "must be an org-unit code of at most 64 characters" : nil }
        var overdue: Bool?
        switch value("overdue") {
        case nil: overdue = nil
        case "true": overdue = true
        case "false": overdue = false
        default: errors.append(FieldError(field: "overdue", message: "must be true or false"))
        }
        let dueWithinHours = whole("dueWithinHours", in: dueWithinHoursRange,
                                   message: "must be a whole number of hours from \(dueWithinHoursRange.lowerBound) to \(dueWithinHoursRange.upperBound)")
        var paging: Paging?
        do {
            paging = try Paging.parse(page: parameters.get("page"), pageSize: parameters.get("pageSize"), pageSizes: pageSizes,
                                      defaultPageSize: defaultPageSize)
        } catch let failure as ValidationFailure {
            errors += failure.errors
        }
        guard errors.isEmpty, let paging else { throw Problem.validation(errors) }
        return WorkQueueQuery(status: statuses.isEmpty ? nil : statuses, state: state, agency: agency, procedure: procedure,
                              assignee: assignee, unit: unit, overdue: overdue, dueWithinHours: dueWithinHours, page: paging.page, pageSize: paging.pageSize)
    }
}
