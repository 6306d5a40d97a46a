import Contracts
import Domain
import Foundation
import Hummingbird

/// `GET /api/v1/reports/intake-counts?agency=`: submissions counted by reporting from events.
struct ReportsController {
    let backend: Backend

    var endpoints: RouteCollection<GatewayContext> {
        RouteCollection(context: GatewayContext.self)
            .get("intake-counts", use: intakeCounts)
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
}
