import Contracts
import Foundation
import Hummingbird
import OnegateWeb

/// For a browser (`Accept: text/html`) outside the JSON API, an error — a missing page, a refused
/// form, a service down — is a page in the visitor's language rather than problem+json. The API
/// (`/api/`), the key set and the operations endpoints answer problem+json exactly as before.
struct WebErrorPageMiddleware: RouterMiddleware {
    typealias Context = GatewayContext
    let resources: WebResources

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            guard Self.wantsPage(request) else { throw error }
            let problem = ProblemMiddleware.problem(for: error, context: context)
            return errorPage(problem, request: request, context: context)
        }
    }

    static let machinePaths = ["/api/", "/.well-known/", "/metrics", "/health", "/ready", "/live"]

    static func wantsPage(_ request: Request) -> Bool {
        let path = request.uri.path
        guard !machinePaths.contains(where: { path.hasPrefix($0) }) else { return false }
        return request.headers[.accept]?.lowercased().contains("text/html") == true
    }

    func errorPage(_ problem: Problem, request: Request, context: Context) -> Response {
        let page = WebPage(request, context: context, resources: resources)
        let known = [400, 401, 403, 404, 429, 500, 503]
        let key = known.contains(problem.status) ? problem.status : (problem.status >= 500 ? 500 : 400)
        let heading = page.t["error_\(key)_title"]
        let view: [String: Any] = [
            "heading": heading,
            // A refused workspace page is not a stale form: say whom the workspace is for.
            "text": page.t[key == 403 && WorkspaceNavigation.covers(request.uri.path) ? "error_403_workspace_text" : "error_\(key)_text"],
            "requestIdText": page.t.format("error_request_id", ["id": context.requestID]),
        ]
        let html = resources.render("error", page.chrome.view(title: heading, view)) ?? heading
        var response = WebPage.html(html, status: .init(code: problem.status))
        SecurityHeaders.apply(to: &response.headers)
        response.headers[.cacheControl] = "no-store"
        if let seconds = problem.retryAfter { response.headers[.retryAfter] = String(seconds) }
        return response
    }
}
