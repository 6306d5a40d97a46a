import Foundation
import Logging

/// `email` jobs: one message through the SMTP server.
struct EmailPerformer: JobPerformer {
    let mailer: SMTPMailer

    func perform(_ job: Job, logger: Logger) async -> JobOutcome {
        guard let to = job.payload["to"]?.stringValue, let subject = job.payload["subject"]?.stringValue,
              let text = job.payload["text"]?.stringValue else { return .dead(status: nil, error: "malformed email job") }
        do {
            try await Blocking.run { [mailer] in try mailer.send(to: to, subject: subject, text: text) }
            logger.info("email sent", metadata: ["to": "\(Masking.email(to))"])
            return .delivered(status: nil)
        } catch {
            logger.warning("email not sent", metadata: ["to": "\(Masking.email(to))", "error": "\(error)"])
            return .retry(status: nil, error: "\(error)")
        }
    }
}

/// `sms` jobs: one text through the SMS gateway (`POST {to, text, reference}`, bearer token if set).
struct SMSPerformer: JobPerformer {
    let http: OutboundHTTP
    let url: String
    let token: String?

    func perform(_ job: Job, logger: Logger) async -> JobOutcome {
        guard let to = job.payload["to"]?.stringValue, let text = job.payload["text"]?.stringValue else {
            return .dead(status: nil, error: "malformed sms job")
        }
        let body: [String: String] = ["to": to, "text": text, "reference": job.eventID?.uuidString.lowercased() ?? "\(job.id)"]
        do {
            let reply = try await http.post(url, body: try JSONEncoder().encode(body),
                                            headers: token.map { [("Authorization", "Bearer \($0)")] } ?? [])
            guard reply.isSuccess else {
                logger.warning("SMS gateway refused", metadata: ["to": "\(Masking.phone(to))", "status": "\(reply.status)"])
                return .retry(status: reply.status, error: reply.excerpt)
            }
            logger.info("SMS sent", metadata: ["to": "\(Masking.phone(to))"])
            return .delivered(status: reply.status)
        } catch {
            return .retry(status: nil, error: "\(error)")
        }
    }
}
