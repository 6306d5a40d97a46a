import Contracts
import Domain

extension Caller {
    /// Refuses anonymous callers (401) and callers who hold `role` in no unit (403, saying who may).
    public func require(_ role: Role, forbidden detail: String) throws {
        guard isAuthenticated else {
            throw Problem.authenticationRequired
        }
        guard holds(role.rawValue) else { throw Problem(status: 403, title: "Forbidden", detail: detail) }
    }

    /// The org units in which the caller holds `role`.
    public func units(holding role: Role) -> [String] {
        assignments.filter { $0.role == role.rawValue }.map(\.orgUnit)
    }
}
