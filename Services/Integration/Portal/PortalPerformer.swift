import Contracts
import Foundation
import Logging
import ServiceKit
import Storage

/// `portal` jobs: one status change of one dossier to the national portal — the dossier record
/// (`DongBoHoSoMC`, an update after the first) and the progress line (`CapNhatTienDoHoSoMC`).
/// The job store hands a dossier's changes over one at a time in sequence order; a failure is
/// retried with back-off for the portal's (long) bound, then dead-lettered with
/// `integration.portal.sync-failed` until `integration replay portal` sends it and those after it.
struct PortalPerformer: JobPerformer {
    let runtime: ServiceRuntime
    let client: PortalClient
    let calls: SystemCalls
    let log: EventLog

    func perform(_ job: Job, logger: Logger) async -> JobOutcome {
        guard let eventID = job.eventID else { return .dead(status: nil, error: "malformed portal job") }
        let change: EventEnvelope<DossierStatusChanged>
        do {
            guard let body = try await runtime.database.withConnection({ connection in
                try await log.body(of: eventID, on: connection, logger: logger)
            }) else { return .dead(status: nil, error: "the event is no longer kept") }
            change = try WireJSON.decode(EventEnvelope<DossierStatusChanged>.self, from: body)
        } catch {
            return .retry(status: nil, error: "reading the event: \(error)")
        }
        do {
            try await client.ensureSession()
        } catch {
            logger.log(level: job.attempts == 1 || job.attempts % 20 == 0 ? .warning : .debug, "portal unreachable; will retry", metadata: ["error": "\(error)", "attempt": "\(job.attempts)"])
            return .retry(status: (error as? PortalClient.Failure)?.status, error: "\(error)")
        }
        let detail: CaseDetail
        do {
            detail = try await calls.call(.processing, "case", CaseReference(code: change.data.code), as: CaseDetail.self,
                                          requestID: "portal-\(eventID.uuidString.lowercased())")
        } catch {
            return .retry(status: nil, error: "processing.case: \(error)")
        }
        do {
            _ = try await client.call(PortalPayload.syncService, isUpdating: change.data.from != nil,
                                      records: [PortalPayload.dossier(change.data, case: detail)])
            let status = try await client.call(PortalPayload.progressService, isUpdating: false,
                                               records: [PortalPayload.progress(change.data)])
            logger.info("portal synchronised", metadata: ["sequence": "\(change.sequence ?? 0)", "status": "\(change.data.to.code)"])
            return .delivered(status: status)
        } catch let failure as PortalClient.Failure {
            logger.log(level: job.attempts == 1 || job.attempts % 20 == 0 ? .warning : .debug, "portal sync failed; will retry", metadata: ["error": "\(failure)", "attempt": "\(job.attempts)"])
            return .retry(status: failure.status, error: failure.description)
        } catch {
            logger.log(level: job.attempts == 1 || job.attempts % 20 == 0 ? .warning : .debug, "portal unreachable; will retry", metadata: ["error": "\(error)", "attempt": "\(job.attempts)"])
            return .retry(status: nil, error: "\(error)")
        }
    }

    func deadLettered(_ job: Job, reason: String, logger: Logger) async {
        guard let code = job.subject, let eventID = job.eventID else { return }
        do {
            try await runtime.database.withConnection { connection in
                try await runtime.outbox.enqueue([
                    try OutboxMessage.event(.portalSyncFailed, source: .integration, subject: code, sequence: nil,
                                            payload: PortalSyncFailed(code: code, eventId: eventID, sequence: nil, reason: reason, at: Date()),
                                            correlationID: nil),
                ], on: connection, logger: logger)
            }
            runtime.relay.wake()
        } catch {
            logger.warning("could not announce a portal dead letter", metadata: ["error": "\(error)"])
        }
    }
}
