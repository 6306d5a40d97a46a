import Contracts

/// Catalog writes are for administrators: anonymous callers get 401, others 403.
enum Administrator {
    static func require(_ caller: Caller) throws {
        guard caller.isAuthenticated else {
            throw Problem(status: 401, title: "Authentication required", detail: "Send a bearer access token.")
        }
        guard caller.holds("administrator") else {
            throw Problem(status: 403, title: "Forbidden", detail: "Only administrators edit the catalog.")
        }
    }
}
