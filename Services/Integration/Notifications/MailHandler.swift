import Contracts
import Domain
import Foundation
import ServiceKit

/// `integration.mail`: queues one e-mail job for another service (identity's account mails).
/// Only `system` callers; not routed by the gateway. The job's text (which carries a one-time
/// link) is blanked once delivered: it stays in `integration.jobs` only while it is pending.
struct MailHandler: Sendable {
    let runtime: ServiceRuntime
    let jobs: JobStore
    let settings: IntegrationSettings

    func handle(_ mail: MailMessage, context: RPCContext) async throws -> Empty {
        guard context.caller.kind == "system", context.caller.holds(Role.system.rawValue) else {
            throw Problem(status: 403, title: "Forbidden", detail: "Only onegate's services queue mails.")
        }
        guard settings.smtpURL != nil else {
            throw Problem(status: 503, title: "Mail not configured", detail: "ONEGATE_SMTP_URL is not set.")
        }
        var errors: [FieldError] = []
        if !ApplicantRules.isEmail(mail.to) { errors.append(FieldError(field: "to", message: "must be an e-mail address")) }
        if mail.subject.isEmpty || mail.subject.count > 200 { errors.append(FieldError(field: "subject", message: "must be 1 to 200 characters")) }
        if mail.text.isEmpty || mail.text.count > 20_000 { errors.append(FieldError(field: "text", message: "must be 1 to 20000 characters")) }
        if mail.key.isEmpty || mail.key.count > 200 { errors.append(FieldError(field: "key", message: "must be 1 to 200 characters")) }
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        let job = NewJob(kind: .email, dedupeKey: "mail:\(mail.key)", subject: nil,
                         payload: .object(["to": .string(mail.to), "subject": .string(mail.subject), "text": .string(mail.text),
                                           "blankWhenDelivered": .bool(true)]))
        _ = try await runtime.database.withConnection { connection in
            try await jobs.enqueue([job], on: connection, logger: context.logger)
        }
        context.logger.info("mail queued", metadata: ["to": "\(Masking.email(mail.to))", "from": "\(context.caller.userId ?? "-")"])
        return Empty()
    }
}
