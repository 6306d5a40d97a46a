import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Takes the caller's `X-Request-Id` when it is sane, or makes one; echoes it on the response and
/// puts it in every log line of the request.
struct RequestIDMiddleware: RouterMiddleware {
    typealias Context = GatewayContext
    static let header = HTTPField.Name("X-Request-Id")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let offered = request.headers[Self.header] ?? ""
        context.requestID = Self.isSane(offered) ? offered : UUID().uuidString.lowercased()
        context.logger[metadataKey: "correlation_id"] = .string(context.requestID)
        var response = try await next(request, context)
        response.headers[Self.header] = context.requestID
        return response
    }

    /// 1–64 characters of letters, digits, `-`, `_` and `.`: safe to log and to echo.
    static func isSane(_ id: String) -> Bool {
        guard !id.isEmpty, id.utf8.count <= 64 else { return false }
        return id.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
                true
            default:
                false
            }
        }
    }
}
