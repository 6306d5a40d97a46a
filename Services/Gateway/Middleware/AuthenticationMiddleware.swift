import Contracts
import Hummingbird

/// Turns `Authorization: Bearer <token>` into the request's caller. No header: anonymous (each
/// service decides what anonymous callers may do). A bad token: 401, never a silent downgrade.
/// On the metrics routes the scrape credential is accepted instead of an access token
/// (`MetricsAccess`); the caller then stays anonymous.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = GatewayContext
    let verifier: TokenVerifier
    let metrics: MetricsAccess

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else { return try await next(request, context) }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer", !parts[1].isEmpty else {
            throw Problem(status: 401, title: "Invalid token", detail: "Use Authorization: Bearer <access token>.")
        }
        var context = context
        if MetricsAccess.isMetricsPath(request.uri.path), metrics.isScrapeCredential(String(parts[1])) {
            context.isMetricsScraper = true
            return try await next(request, context)
        }
        context.caller = try await verifier.caller(for: String(parts[1]), requestID: context.requestID)
        context.logger[metadataKey: "user_id"] = .string(context.caller.userId ?? "-")
        return try await next(request, context)
    }
}
