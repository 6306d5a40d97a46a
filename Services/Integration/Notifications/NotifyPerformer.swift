import Contracts
import Domain
import Foundation
import Logging
import ServiceKit

/// `notify` jobs: asks processing (as `system`) for the applicant's name and contact details —
/// they never travel in broadcast events — renders the notice and queues one email and one SMS,
/// each retried on its own.
struct NotifyPerformer: JobPerformer {
    let runtime: ServiceRuntime
    let calls: SystemCalls
    let jobs: JobStore
    let settings: IntegrationSettings

    func perform(_ job: Job, logger: Logger) async -> JobOutcome {
        guard let code = job.subject, let eventID = job.eventID,
              let notice = job.payload["notice"]?.stringValue.flatMap(Notice.init(rawValue:)) else {
            return .dead(status: nil, error: "malformed notify job")
        }
        let detail: CaseDetail
        do {
            detail = try await calls.call(.processing, "case", CaseReference(code: code), as: CaseDetail.self,
                                          requestID: "notify-\(eventID.uuidString.lowercased())")
        } catch let problem as Problem where problem.status == 404 || problem.status == 403 {
            return .dead(status: problem.status, error: "processing does not show the case: \(problem.detail ?? problem.title)")
        } catch {
            return .retry(status: nil, error: "processing.case: \(error)")
        }
        let data = job.payload["data"]
        let missing = data?["data"]?["missingItems"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let results = data?["resultCodes"]?.arrayValue?.compactMap(\.stringValue) ?? detail.resultCodes
        let message = NoticeTemplates.render(notice, code: code, applicant: detail.applicant?.name ?? "người nộp hồ sơ",
                                             procedure: detail.procedureName ?? detail.procedureCode, dueAt: detail.dueAt,
                                             missingItems: missing, resultCodes: results)
        var queued: [NewJob] = []
        if settings.smtpURL != nil, let email = detail.applicant?.email, !email.isEmpty {
            queued.append(NewJob(kind: .email, dedupeKey: "email:\(eventID)", eventID: eventID, subject: code,
                                 payload: .object(["to": .string(email), "subject": .string(message.subject), "text": .string(message.text)])))
        }
        if settings.smsURL != nil, let phone = detail.applicant?.phone, !phone.isEmpty {
            queued.append(NewJob(kind: .sms, dedupeKey: "sms:\(eventID)", eventID: eventID, subject: code,
                                 payload: .object(["to": .string(phone), "text": .string(message.sms)])))
        }
        do {
            _ = try await runtime.database.withConnection { connection in
                try await jobs.enqueue(queued, on: connection, logger: logger)
            }
        } catch {
            return .retry(status: nil, error: "could not queue the messages: \(error)")
        }
        logger.info("applicant notice queued", metadata: [
            "notice": "\(notice.rawValue)", "email": "\(detail.applicant?.email.map(Masking.email) ?? "-")",
            "phone": "\(detail.applicant?.phone.map(Masking.phone) ?? "-")"])
        return .delivered(status: nil)
    }
}
