import Foundation
import Domain

/// Who is calling, as verified by the gateway; the owning service checks rights again.
public struct Caller: Codable, Sendable, Hashable {
    public var userId: String?
    /// `staff`, `citizen` or `partner`; nil for anonymous callers.
    public var kind: String?
    /// The roles the caller holds, each in one org unit.
    public var assignments: [RoleAssignment]

    public init(userId: String? = nil, kind: String? = nil, assignments: [RoleAssignment] = []) {
        self.userId = userId
        self.kind = kind
        self.assignments = assignments
    }

    /// An unauthenticated member of the public.
    public static let anonymous = Caller()

    public var isAuthenticated: Bool { userId != nil }

    /// True when the caller holds `role` in `orgUnit` (or in any unit when `orgUnit` is nil).
    public func holds(_ role: String, in orgUnit: String? = nil) -> Bool {
        assignments.contains { $0.role == role && (orgUnit == nil || $0.orgUnit == orgUnit) }
    }
}

/// The body of every request on `onegate.rpc`.
public struct RPCRequest<Payload: Codable & Sendable>: Codable, Sendable {
    public var caller: Caller
    /// The HTTP request id, for logs across services.
    public var requestId: String
    public var payload: Payload

    public init(caller: Caller, requestId: String, payload: Payload) {
        self.caller = caller
        self.requestId = requestId
        self.payload = payload
    }
}

/// An RFC 9457 problem, produced by the owning service and passed through the gateway unchanged.
public struct Problem: Codable, Sendable, Hashable, Error {
    public var type: String
    public var title: String
    public var status: Int
    public var detail: String?
    public var errors: [FieldError]?
    /// Seconds after which a retry may succeed (sent as `Retry-After` too).
    public var retryAfter: Int?

    public init(status: Int, title: String, detail: String? = nil, type: String? = nil, errors: [FieldError]? = nil,
                retryAfter: Int? = nil) {
        self.type = type ?? "urn:onegate:problem:\(Problem.slug(title))"
        self.title = title
        self.status = status
        self.detail = detail
        self.errors = errors
        self.retryAfter = retryAfter
    }

    static func slug(_ title: String) -> String {
        title.lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
    }

    public static func validation(_ errors: [FieldError]) -> Problem {
        let names = errors.map(\.field).filter { !$0.isEmpty }
        let detail = names.isEmpty ? (errors.first?.message ?? "The request is invalid.")
            : "Invalid fields: " + names.joined(separator: ", ") + "."
        return Problem(status: 400, title: "Validation failed", detail: detail,
                       type: "urn:onegate:problem:validation", errors: errors)
    }

    public static func notFound(_ detail: String) -> Problem {
        Problem(status: 404, title: "Not found", detail: detail)
    }

    public static func conflict(_ detail: String) -> Problem {
        Problem(status: 409, title: "Conflict", detail: detail)
    }

    /// No bearer token, where one is needed.
    public static let authenticationRequired = Problem(status: 401, title: "Authentication required",
                                                       detail: "Send a bearer access token.")

    public static let internalError = Problem(status: 500, title: "Internal error",
                                              detail: "The request could not be completed. It has been logged.")
}

/// The body of every RPC reply: exactly one of `ok` and `error`.
public struct RPCReply<Payload: Codable & Sendable>: Codable, Sendable {
    public var ok: Payload?
    public var error: Problem?

    public init(ok: Payload) { self.ok = ok; self.error = nil }
    public init(error: Problem) { self.ok = nil; self.error = error }
}

/// An empty payload for requests and replies that carry nothing.
public struct Empty: Codable, Sendable, Hashable {
    public init() {}
}
