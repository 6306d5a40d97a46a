import Contracts
import Foundation
import Hummingbird
import Messaging
import NIOCore

/// Turns every error into an RFC 9457 problem+json response, so clients never see internals:
/// problems from services pass through unchanged; broker trouble becomes 503/504; anything
/// unexpected is logged with the request id and answered with a generic 500.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = GatewayContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let problem = Self.problem(for: error, context: context)
            return ProblemResponse.make(problem)
        }
    }

    static func problem(for error: any Error, context: Context) -> Problem {
        switch error {
        case let problem as Problem:
            return problem
        case is NIOTooManyBytesError:
            return Problem(status: 413, title: "Payload too large",
                           detail: "The body is larger than \(GatewaySettings.maximumBodyBytes) bytes.")
        case MessagingError.rpcTimedOut:
            return Problem(status: 504, title: "Service timed out", detail: "A service did not answer in time; try again.")
        case MessagingError.unroutable, MessagingError.connectionLost, MessagingError.publishTimedOut, MessagingError.shutDown:
            return Problem(status: 503, title: "Service unavailable", detail: "A service cannot be reached right now; try again.")
        case let error as HTTPError:
            let status = Int(error.status.code)
            return Problem(status: status, title: error.status.reasonPhrase,
                           detail: status == 404 ? "No such resource." : error.body)
        default:
            context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            return .internalError
        }
    }
}

/// Renders problems.
enum ProblemResponse {
    static let contentType = "application/problem+json"

    static func make(_ problem: Problem) -> Response {
        let body = (try? WireJSON.encode(problem)) ?? Data()
        var headers = HTTPFields()
        headers[.contentType] = contentType
        if let seconds = problem.retryAfter { headers[.retryAfter] = String(seconds) }
        return Response(status: .init(code: problem.status), headers: headers,
                        body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
