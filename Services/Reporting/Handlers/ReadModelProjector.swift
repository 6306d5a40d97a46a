import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO

/// Applies one logged event to the read models. The same code serves live consumption and the
/// rebuild from the event log, so a rebuilt model cannot differ from a live one.
struct ReadModelProjector: Sendable {
    let store: ReportStore

    /// The read-model tables this projector fills (emptied before a rebuild).
    static let tables = ["intake_counts"]

    func apply(routingKey: String, body: Data, on connection: PostgresConnection, logger: Logger) async throws {
        switch routingKey {
        case EventName.dossierSubmitted.routingKey:
            let submitted = try WireJSON.decode(EventEnvelope<DossierSubmitted>.self, from: body).data
            let day = LocalDate.inVietnam(secondsSinceEpoch: submitted.submittedAt.timeIntervalSince1970)
            try await store.countSubmission(agency: submitted.agencyCode, day: day, channel: submitted.channel,
                                            on: connection, logger: logger)
        default:
            break  // kept in the log; no read model uses it yet
        }
    }
}
