import Contracts
import Domain
import Foundation
import Hummingbird

/// `GET /api/v1/calendar/{year}` (public) and `PUT /api/v1/calendar/{year}` (administrators): the
/// holiday calendar with days off, compensatory working days, office hours and cut-off.
struct CalendarController {
    let backend: Backend

    var endpoints: RouteCollection<GatewayContext> {
        RouteCollection(context: GatewayContext.self)
            .get("{year}", use: show)
            .put("{year}", use: replace)
    }

    @Sendable func show(_ request: Request, context: GatewayContext) async throws -> Response {
        let calendar = try await backend.call(.catalog, "calendar.get", CalendarYearRequest(year: try Self.year(context)),
                                              as: CalendarYearView.self, caller: context.caller, requestID: context.requestID)
        return try JSONResponse.make(calendar)
    }

    @Sendable func replace(_ request: Request, context: GatewayContext) async throws -> Response {
        try ProceduresController.requireSignedIn(context)
        let year = try Self.year(context)
        let body = try await JSONBody.read(request, context: context)
        let calendar = try await backend.call(.catalog, "calendar.put", CalendarYearRequest(year: year, body: body),
                                              as: CalendarYearView.self, caller: context.caller, requestID: context.requestID)
        return try JSONResponse.make(calendar)
    }

    static func year(_ context: GatewayContext) throws -> Int {
        guard let text = context.parameters.get("year"), text.count == 4, let year = Int(text), (2000...2100).contains(year) else {
            throw Problem.validation([FieldError(field: "year", message: "must be a year from 2000 to 2100")])
        }
        return year
    }
}
