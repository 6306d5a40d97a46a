import Contracts
import Foundation
import Messaging
import ServiceKit

/// Typed calls from the gateway to the services over AMQP RPC. A service's `Problem` is
/// rethrown as is, so the client gets the owning service's words.
///
/// A call that may change something the gateway caches (`CacheVersions`) marks its topic changed
/// when it returns, whatever the outcome (a timed-out call may still have committed): a change
/// made through this gateway is seen at once on its pages, before the service's event arrives.
struct Backend: Sendable {
    let client: RPCClient
    let timeout: Duration
    /// The versions of the gateway's caches (nil: nothing is cached, as in tools).
    var versions: CacheVersions? = nil

    func call<Payload: Codable & Sendable, Reply: Codable & Sendable>(
        _ service: ServiceName, _ operation: String, _ payload: Payload, as reply: Reply.Type,
        caller: Caller = .anonymous, requestID: String, timeout: Duration? = nil
    ) async throws -> Reply {
        let changes = versions.flatMap { _ in Self.topicChanged(by: service, operation, payload) }
        defer { if let changes { versions?.changed(changes) } }
        let request = RPCRequest(caller: caller, requestId: requestID, payload: payload)
        let body = try await client.call(routingKey: service.operation(operation), body: try WireJSON.encode(request),
                                         timeout: timeout ?? self.timeout)
        let decoded = try WireJSON.decode(RPCReply<Reply>.self, from: body)
        if let problem = decoded.error { throw problem }
        guard let ok = decoded.ok else { throw Problem.internalError }
        return ok
    }

    /// The operations that only read what is cached; every other operation of these services is
    /// taken as a change (a new write is then safe by default).
    static let reads: [ServiceName: Set<String>] = [
        .processing: ["status", "rating", "case", "timeline", "form", "queue", "queue.counts"],
        .catalog: ["procedures.search", "procedures.get", "agencies.names", "calendar.get", "shared-catalogs.list"],
    ]

    /// The cache topic a call changes, if any.
    static func topicChanged<Payload>(by service: ServiceName, _ operation: String, _ payload: Payload) -> String? {
        guard let reads = reads[service], !reads.contains(operation) else { return nil }
        switch service {
        case .catalog: return CacheTopic.catalog
        case .processing: return (payload as? any DossierAddressed).map { CacheTopic.dossier($0.dossierCode) }
        default: return nil
        }
    }
}

/// A request about one dossier: a change it makes is a change of that dossier's cache topic.
protocol DossierAddressed {
    var dossierCode: String { get }
}

extension DossierActionCommand: DossierAddressed { var dossierCode: String { code } }
extension DossierRatingCommand: DossierAddressed { var dossierCode: String { code } }
