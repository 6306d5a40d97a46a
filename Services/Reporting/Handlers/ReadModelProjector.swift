import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO
import Storage

/// Applies one logged event to the read models. The same code serves live consumption and the
/// rebuild from the event log, so a rebuilt model cannot differ from a live one.
struct ReadModelProjector: Sendable {
    let store: ReportStore
    var dossiers: DossierStore { DossierStore(schema: store.schema) }
    var ratings: RatingFiguresStore { RatingFiguresStore(schema: store.schema) }

    /// The read-model tables this projector fills (emptied before a rebuild).
    static let tables = ["intake_counts", "dossiers", "daily_figures", "monthly_figures", "officer_steps", "ratings"]

    /// Advisory lock key: live events hold it shared while they touch the read models, the
    /// rebuild takes it exclusively before locking the tables. Without it a live event holding one
    /// table and waiting for another deadlocks with a rebuild that locked the other first.
    static let rebuildGate: Int64 = 0x6F6E_6567_6174_6552  // "onegateR"

    func apply(routingKey: String, body: Data, on connection: PostgresConnection, logger: Logger) async throws {
        if let (code, happening) = try DossierEventReader.read(routingKey: routingKey, body: body) {
            try await fold(happening, into: code, on: connection, logger: logger)
        }
        // A rating changes no dossier facts (it carries no status): counted on its own, once per dossier.
        if routingKey == EventName.dossierRated.routingKey {
            let rated = try WireJSON.decode(EventEnvelope<DossierRated>.self, from: body).data
            try await connection.run("SELECT pg_advisory_xact_lock_shared(\(Self.rebuildGate))", logger: logger)
            try await ratings.record(rated, on: connection, logger: logger)
        }
        // Last: the agency's counter rows are shared by the day's submissions, so a row lock is
        // held only from here to the commit.
        if routingKey == EventName.dossierSubmitted.routingKey {
            let submitted = try WireJSON.decode(EventEnvelope<DossierSubmitted>.self, from: body).data
            let day = LocalDate.inVietnam(secondsSinceEpoch: submitted.submittedAt.timeIntervalSince1970)
            try await store.countSubmission(code: submitted.code, agency: submitted.agencyCode, day: day, channel: submitted.channel,
                                            on: connection, logger: logger)
        }
    }

    /// Folds one dossier event into the dossier's facts, counters and officer steps. An event newer
    /// than everything folded so far is applied on top; an older one (late or repeated delivery)
    /// makes the dossier be folded again from its logged events in sequence order, so the result
    /// never depends on the order of delivery.
    private func fold(_ happening: DossierHappening, into code: String, on connection: PostgresConnection, logger: Logger) async throws {
        // The rebuild gate first (shared), then the dossier's own lock, in one statement: the inner
        // select runs before the outer one. See `rebuildGate`.
        try await connection.run("""
            SELECT pg_advisory_xact_lock(hashtextextended(\(code), 6))
            FROM (SELECT pg_advisory_xact_lock_shared(\(Self.rebuildGate))) AS gate
            """, logger: logger)
        let old = try await dossiers.lockFacts(code: code, on: connection, logger: logger)
        var new: DossierFacts
        if old == nil || happening.sequence > old!.lastSequence {
            new = old ?? DossierFacts(code: code, agencyCode: happening.agencyCode, procedureCode: happening.procedureCode,
                                      channel: happening.channel)
            if let step = new.apply(happening) {
                try await dossiers.insert([step], of: new, on: connection, logger: logger)
            }
        } else {
            var events: [DossierHappening] = []
            for (routingKey, body) in try await dossiers.loggedEvents(of: code, on: connection, logger: logger) {
                if let (_, event) = try DossierEventReader.read(routingKey: routingKey, body: body) { events.append(event) }
            }
            guard let folded = DossierFacts.fold(code: code, events) else { return }
            new = folded.facts
            try await dossiers.deleteSteps(of: code, on: connection, logger: logger)
            try await dossiers.insert(folded.steps, of: new, on: connection, logger: logger)
        }
        guard new != old else { return }
        try await dossiers.applyDelta(from: old, to: new, on: connection, logger: logger)
        try await dossiers.save(new, on: connection, logger: logger)
    }
}
