import Contracts
import Domain
import Logging
import PostgresNIO

/// Loads a case for an authenticated caller who may see it: its applicant, or an officer of a
/// unit serving its agency. Anyone else gets the same 404 as for an unknown code.
struct CaseAccess: Sendable {
    let store: CaseStore
    let resolver: EntitlementResolver

    func load(_ code: String, for caller: Caller, on connection: PostgresConnection, logger: Logger) async throws -> (CaseRecord, Entitlements) {
        guard caller.isAuthenticated else { throw Problem.authenticationRequired }
        guard let record = try await store.load(code: code, forUpdate: false, on: connection, logger: logger) else {
            throw ActHandler.notFound(code)
        }
        let entitlements = try await resolver.resolve(caller, agency: record.agencyCode, ownerId: record.ownerId, on: connection, logger: logger)
        guard entitlements.canSee else { throw ActHandler.notFound(code) }
        return (record, entitlements)
    }
}
