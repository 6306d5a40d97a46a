import Foundation
import ServiceKit

/// Integration's configuration, read once from the environment (listed in `docs/integration.md`).
struct IntegrationSettings: Sendable {
    /// The national portal's base URL; nil turns portal sync off.
    let portalURL: String?
    let portalUsername: String
    let portalPassword: String
    /// The agency code (`madonvi`) the portal knows this system by.
    let portalUnitCode: String
    /// How long a portal change is retried before it is dead-lettered (long: the portal may be down for days).
    let portalRetrySeconds: Int
    /// How long a partner's delivery is retried before it is dead-lettered.
    let webhookRetrySeconds: Int
    /// Failed attempts in a row after which a subscription is disabled.
    let webhookDisableAfterFailures: Int
    /// dev/test/bench profiles only: accept `http` and any port for webhook targets that resolve
    /// to loopback addresses only (the test receivers on this machine); never private ranges.
    let allowLoopbackTargets: Bool
    /// Notifications and payment calls: how long they are retried.
    let otherRetrySeconds: Int
    let backoffInitialMilliseconds: Int
    let backoffMaximumMilliseconds: Int
    /// How often the worker looks for retries that came due (NOTIFY wakes it for new work).
    let pollMilliseconds: Int
    /// Deliveries in flight at once.
    let concurrency: Int
    /// A portal change waits for a dossier's earlier events at most this long before it is sent anyway.
    let sequenceGapSeconds: Int
    let httpTimeoutMilliseconds: Int
    /// `smtp://host:port` or `smtps://…`; nil turns email off.
    let smtpURL: String?
    let smtpFrom: String
    let smtpUsername: String?
    let smtpPassword: String?
    /// The SMS gateway's URL (JSON POST `{to, text, reference}`); nil turns SMS off.
    let smsURL: String?
    let smsToken: String?
    /// The payment platform's URL for payment requests; nil turns payment requests off.
    let paymentURL: String?
    /// The shared secret of the payment platform's signatures (both directions).
    let paymentSecret: String
    /// Where the platform sends its callback (our public `POST /api/v1/payments/callback`).
    let paymentCallbackURL: String

    init(_ environment: ServiceEnvironment) {
        func optional(_ key: String) -> String? {
            let value = environment.string(key, default: "")
            return value.isEmpty ? nil : value
        }
        portalURL = optional("ONEGATE_PORTAL_URL")
        portalUsername = environment.string("ONEGATE_PORTAL_USERNAME", default: "onegate")
        portalPassword = environment.secret("ONEGATE_PORTAL_PASSWORD", default: "")
        portalUnitCode = environment.string("ONEGATE_PORTAL_UNIT", default: "000.00.00.H30")
        portalRetrySeconds = environment.int("ONEGATE_PORTAL_RETRY_SECONDS", default: 7 * 86_400)
        webhookRetrySeconds = environment.int("ONEGATE_WEBHOOK_RETRY_SECONDS", default: 3 * 86_400)
        webhookDisableAfterFailures = environment.int("ONEGATE_WEBHOOK_DISABLE_AFTER_FAILURES", default: 100)
        allowLoopbackTargets = WebhookLoopbackException.enabledOrExit(environment)
        otherRetrySeconds = environment.int("ONEGATE_NOTIFY_RETRY_SECONDS", default: 86_400)
        backoffInitialMilliseconds = environment.int("ONEGATE_DELIVERY_BACKOFF_MS", default: 1_000)
        backoffMaximumMilliseconds = environment.int("ONEGATE_DELIVERY_BACKOFF_MAX_MS", default: 3_600_000)
        pollMilliseconds = environment.int("ONEGATE_DELIVERY_POLL_MS", default: 1_000)
        concurrency = max(1, environment.int("ONEGATE_DELIVERY_CONCURRENCY", default: 32))
        sequenceGapSeconds = environment.int("ONEGATE_PORTAL_GAP_SECONDS", default: 60)
        httpTimeoutMilliseconds = environment.int("ONEGATE_OUTBOUND_TIMEOUT_MS", default: 10_000)
        smtpURL = optional("ONEGATE_SMTP_URL")
        smtpFrom = environment.string("ONEGATE_SMTP_FROM", default: "mot-cua@onegate.local")
        smtpUsername = optional("ONEGATE_SMTP_USERNAME")
        smtpPassword = environment.secret("ONEGATE_SMTP_PASSWORD", default: "").nilIfEmpty
        smsURL = optional("ONEGATE_SMS_URL")
        smsToken = environment.secret("ONEGATE_SMS_TOKEN", default: "").nilIfEmpty
        paymentURL = optional("ONEGATE_PAYMENT_URL")
        // Required outside dev/test even without ONEGATE_PAYMENT_URL: the public callback checks
        // its signature with it, and an empty key would let anyone confirm a payment.
        paymentSecret = environment.requiredSecretOrExit("ONEGATE_PAYMENT_SECRET", developmentDefault: "")
        paymentCallbackURL = environment.string("ONEGATE_PAYMENT_CALLBACK_URL",
                                                default: "http://127.0.0.1:8080/api/v1/payments/callback")
    }

    /// The retry bound of a kind of job.
    func retrySeconds(for kind: JobKind) -> Int {
        switch kind {
        case .portal: portalRetrySeconds
        case .webhook: webhookRetrySeconds
        case .notify, .email, .sms, .paymentRequest, .confirmPayment: otherRetrySeconds
        }
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
