import Contracts
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// `/api/v1/reports/…`: the figures reporting builds from events.
/// - `intake-counts?agency=` — submissions per agency and channel (public);
/// - `summary` (also `statistics`) `?from=&to=&groupBy=agency|procedure&agency=&procedure=&format=json|csv` — the statistical report;
/// - `overdue?agency=&unit=&dueWithinHours=&page=&pageSize=` — dossiers overdue or due soon;
/// - `officers?from=&to=&agency=`, `procedures?from=&to=&agency=` — per-officer and per-procedure figures;
/// - `dashboard?agency=&weeks=` — today's intake, backlog and the overdue trend by week;
/// - `performance?from=&to=&step=` — the five Annex IV criteria from what the system recorded
///   (administrators only; `from`/`to` are dates in Vietnam time or RFC 3339 instants; default: the last 24 hours).
/// All but `intake-counts` are for supervisors, agency leaders, department heads and administrators
/// (401 anonymous, 403 others; reporting checks the caller's units).
struct ReportsController {
    let backend: Backend

    var endpoints: RouteCollection<GatewayContext> {
        RouteCollection(context: GatewayContext.self)
            .get("intake-counts", use: intakeCounts)
            .get("summary", use: summary)
            .get("statistics", use: summary)
            .get("overdue", use: overdue)
            .get("officers", use: officers)
            .get("procedures", use: procedures)
            .get("dashboard", use: dashboard)
            .get("performance", use: performance)
    }

    @Sendable func intakeCounts(_ request: Request, context: GatewayContext) async throws -> Response {
        let agency = request.uri.queryParameters.get("agency")
        if let agency, !AgencyIdentifier.isWellFormed(agency) {
            throw Problem.validation([FieldError(field: "agency", message: "must be an agency identifier such as 000.00.00.H30")])
        }
        let counts = try await backend.call(.reporting, "intake-counts", IntakeCountsQuery(agencyCode: agency),
                                            as: IntakeCounts.self, requestID: context.requestID)
        return try JSONResponse.make(counts)
    }

    @Sendable func summary(_ request: Request, context: GatewayContext) async throws -> Response {
        try Self.requireSignedIn(context)
        var reader = QueryReader(request.uri.queryParameters)
        let from = reader.date("from", required: true) ?? ""
        let to = reader.date("to", required: true) ?? ""
        let groupBy = reader.choice("groupBy", ReportGrouping.self) ?? .agency
        let agency = reader.agency()
        let procedure = reader.text("procedure") { ProcedureCode.isWellFormed($0) ? nil : "must be a procedure code such as 1.000948" }
        let format = reader.text("format") { ["json", "csv"].contains($0) ? nil : "must be json or csv" } ?? "json"
        try reader.finish()
        let report = try await backend.call(.reporting, "summary",
                                            StatisticsQuery(from: from, to: to, groupBy: groupBy, agency: agency, procedure: procedure),
                                            as: StatisticsReport.self, caller: context.caller, requestID: context.requestID)
        guard format == "csv" else { return try JSONResponse.make(report) }
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"bao-cao-\(report.from)-\(report.to).csv\""
        headers[.cacheControl] = "private, no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: report.csv)))
    }

    @Sendable func overdue(_ request: Request, context: GatewayContext) async throws -> Response {
        try Self.requireSignedIn(context)
        var reader = QueryReader(request.uri.queryParameters)
        let agency = reader.agency()
        let unit = reader.text("unit") { _ in nil }
        let hours = reader.whole("dueWithinHours", in: 0...720) ?? 0
        try reader.finish()
        let paging = try Paging.read(request)
        let list = try await backend.call(.reporting, "overdue",
                                          OverdueQuery(agency: agency, unit: unit, dueWithinHours: hours, page: paging.page, pageSize: paging.pageSize),
                                          as: OverdueList.self, caller: context.caller, requestID: context.requestID)
        return try JSONResponse.make(list)
    }

    @Sendable func officers(_ request: Request, context: GatewayContext) async throws -> Response {
        let query = try periodQuery(request, context: context)
        return try JSONResponse.make(try await backend.call(.reporting, "officers", query, as: OfficerReport.self,
                                                            caller: context.caller, requestID: context.requestID))
    }

    @Sendable func procedures(_ request: Request, context: GatewayContext) async throws -> Response {
        let query = try periodQuery(request, context: context)
        return try JSONResponse.make(try await backend.call(.reporting, "procedures", query, as: ProcedureReport.self,
                                                            caller: context.caller, requestID: context.requestID))
    }

    @Sendable func dashboard(_ request: Request, context: GatewayContext) async throws -> Response {
        try Self.requireSignedIn(context)
        var reader = QueryReader(request.uri.queryParameters)
        let agency = reader.agency()
        let weeks = reader.whole("weeks", in: 1...52) ?? 8
        try reader.finish()
        return try JSONResponse.make(try await backend.call(.reporting, "dashboard", DashboardQuery(agency: agency, weeks: weeks),
                                                            as: Dashboard.self, caller: context.caller, requestID: context.requestID))
    }

    private func periodQuery(_ request: Request, context: GatewayContext) throws -> PeriodQuery {
        try Self.requireSignedIn(context)
        var reader = QueryReader(request.uri.queryParameters)
        let from = reader.date("from", required: true) ?? ""
        let to = reader.date("to", required: true) ?? ""
        let agency = reader.agency()
        try reader.finish()
        return PeriodQuery(from: from, to: to, agency: agency)
    }

    @Sendable func performance(_ request: Request, context: GatewayContext) async throws -> Response {
        try Self.requireSignedIn(context)
        var reader = QueryReader(request.uri.queryParameters)
        let now = Date()
        let to = reader.instant("to", endOfDay: true) ?? now
        let from = reader.instant("from", endOfDay: false) ?? to.addingTimeInterval(-86_400)
        let step = reader.whole("step", in: 1...86_400)
        try reader.finish()
        let report = try await backend.call(.reporting, "performance", PerformanceQuery(from: from, to: to, stepSeconds: step),
                                            as: PerformanceReport.self, caller: context.caller, requestID: context.requestID)
        return try JSONResponse.make(report)
    }

    static func requireSignedIn(_ context: GatewayContext) throws {
        guard context.caller.isAuthenticated else { throw Problem.authenticationRequired }
    }

    /// Reads query parameters, collecting every bad one so the 400 names them all.
    struct QueryReader {
        let parameters: Parameters
        var errors: [FieldError] = []

        init(_ parameters: Parameters) { self.parameters = parameters }

        func value(_ name: String) -> String? {
            guard let text = parameters.get(name)?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            return text
        }

        mutating func text(_ name: String, rule: (String) -> String?) -> String? {
            guard let text = value(name) else { return nil }
            if let message = text.count > 128 ? "must be at most 128 characters" : rule(text) {
                errors.append(FieldError(field: name, message: message))
                return nil
            }
            return text
        }

        mutating func date(_ name: String, required: Bool) -> String? {
            guard let text = value(name) else {
                if required { errors.append(FieldError(field: name, message: "is required (a date YYYY-MM-DD)")) }
                return nil
            }
            guard LocalDate(iso: text) != nil else {
                errors.append(FieldError(field: name, message: "must be a date YYYY-MM-DD"))
                return nil
            }
            return text
        }

        /// A date (the start of that day in Vietnam, or of the next day when `endOfDay`: periods
        /// include their last day) or an RFC 3339 instant.
        mutating func instant(_ name: String, endOfDay: Bool) -> Date? {
            guard let text = value(name) else { return nil }
            if let day = LocalDate(iso: text) {
                return Moment.startOfVietnamDay(endOfDay ? day.adding(days: 1) : day).date
            }
            if let date = WireJSON.parseDate(text) { return date }
            errors.append(FieldError(field: name, message: "must be a date YYYY-MM-DD or an instant such as 2026-12-01T08:00:00+07:00"))
            return nil
        }

        mutating func agency() -> String? {
            text("agency") { AgencyIdentifier.isWellFormed($0) ? nil : "must be an agency identifier such as 000.00.00.H30" }
        }

        mutating func whole(_ name: String, in range: ClosedRange<Int>) -> Int? {
            guard let text = value(name) else { return nil }
            guard let number = Int(text), range.contains(number) else {
                errors.append(FieldError(field: name, message: "must be a whole number from \(range.lowerBound) to \(range.upperBound)"))
                return nil
            }
            return number
        }

        mutating func choice<T: RawRepresentable & CaseIterable>(_ name: String, _ type: T.Type) -> T? where T.RawValue == String {
            guard let text = value(name) else { return nil }
            guard let value = T(rawValue: text) else {
                errors.append(FieldError(field: name, message: "must be one of " + T.allCases.map(\.rawValue).joined(separator: ", ")))
                return nil
            }
            return value
        }

        func finish() throws {
            guard errors.isEmpty else { throw Problem.validation(errors) }
        }
    }
}
