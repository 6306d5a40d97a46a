import Foundation
import Hummingbird
import Messaging
import ServiceKit

/// Times every API response for the performance report (operations endpoints excluded: they are
/// probes and scrapes, not users) and counts the requests in progress. Sits outside
/// `ProblemMiddleware`, so errors are timed with the status the client got.
struct PerformanceMiddleware: RouterMiddleware {
    typealias Context = GatewayContext
    let sampler: PerformanceSampler

    static func isOperational(_ path: String) -> Bool {
        path == "/health" || path == "/ready" || path == "/metrics" || path.hasPrefix("/metrics/")
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !Self.isOperational(request.uri.path) else { return try await next(request, context) }
        let started = ContinuousClock.now
        sampler.began()
        do {
            let response = try await next(request, context)
            sampler.ended(milliseconds: Self.milliseconds(since: started), status: response.status.code)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            sampler.ended(milliseconds: Self.milliseconds(since: started), status: status)
            throw error
        }
    }

    static func milliseconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) * 1_000 + Double(elapsed.components.attoseconds) / 1e15
    }
}

/// Counts the signed-in users making requests (after authentication has named them).
struct ActivityMiddleware: RouterMiddleware {
    typealias Context = GatewayContext
    let sampler: PerformanceSampler

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let user = context.caller.userId { sampler.saw(user: user) }
        return try await InFlightWork.track("http request") { try await next(request, context) }
    }
}
