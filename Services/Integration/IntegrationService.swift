import AsyncHTTPClient
import Contracts
import Foundation
import Messaging
import ServiceKit

/// `integration`: national portal sync, partner webhooks, applicant notifications and payments
/// (issue 7). Consumes dossier events into a durable delivery queue (`integration.jobs`) that a
/// worker sends out with retries, in order per dossier for the portal; answers the partners'
/// subscription operations, portal submissions and the payment platform's callbacks over RPC.
@main
struct IntegrationService {
    static func main() async throws {
        let arguments = Array(CommandLine.arguments.dropFirst())
        switch arguments.first {
        case "dead-letters", "replay": exit(try await DeadLetterCommand.run(arguments))
        case "verify-audit": exit(try await AuditCommand.verify(.integration, table: SubscriptionAudit.table, name: "integration audit"))
        case "audit-log": exit(try await AuditCommand.list(.integration, table: SubscriptionAudit.table, arguments: Array(arguments.dropFirst())))
        default: break
        }
        let runtime = try ServiceRuntime(service: .integration,
                                         migrationsDirectory: Bundle.module.url(forResource: "Migrations", withExtension: nil))
        let settings = IntegrationSettings(runtime.environment)
        let schema = runtime.outbox.schema
        let jobs = JobStore(schema: schema)
        let log = EventLog(schema: schema)
        let subscriptions = SubscriptionStore(schema: schema, sealer: AtRestSealer.fromEnvironmentOrExit(runtime.environment))
        let payments = PaymentStore(schema: schema)
        let guardian = URLGuard(allowLoopback: settings.allowLoopbackTargets)
        let audit = SubscriptionAudit(environment: runtime.environment)
        let httpClient = OutboundHTTP.makeClient()
        let http = OutboundHTTP(client: httpClient, timeout: .milliseconds(settings.httpTimeoutMilliseconds))
        let rpcClient = RPCClient(configuration: runtime.environment.amqp(for: .integration), name: "integration-calls",
                                  logger: runtime.logger)
        let calls = SystemCalls(client: rpcClient, timeout: .seconds(10))

        var performers: [JobKind: any JobPerformer] = [
            .webhook: WebhookPerformer(runtime: runtime, http: http, subscriptions: subscriptions, log: log, guardian: guardian,
                                       disableAfterFailures: settings.webhookDisableAfterFailures, audit: audit),
            .notify: NotifyPerformer(runtime: runtime, calls: calls, jobs: jobs, settings: settings),
            .confirmPayment: ConfirmPaymentPerformer(calls: calls),
        ]
        if let url = settings.portalURL {
            let client = PortalClient(baseURL: url, username: settings.portalUsername, password: settings.portalPassword,
                                      unitCode: settings.portalUnitCode, http: http)
            performers[.portal] = PortalPerformer(runtime: runtime, client: client, calls: calls, log: log)
        }
        if let url = settings.smtpURL {
            performers[.email] = EmailPerformer(mailer: SMTPMailer(url: url, from: settings.smtpFrom, username: settings.smtpUsername,
                                                                   password: settings.smtpPassword,
                                                                   timeoutSeconds: max(1, settings.httpTimeoutMilliseconds / 1000)))
        }
        if let url = settings.smsURL {
            performers[.sms] = SMSPerformer(http: http, url: url, token: settings.smsToken)
        }
        if let url = settings.paymentURL {
            performers[.paymentRequest] = PaymentRequestPerformer(http: http, url: url, secret: settings.paymentSecret,
                                                                  callbackURL: settings.paymentCallbackURL)
        }
        let worker = JobWorker(runtime: runtime, store: jobs, settings: settings, performers: performers)

        var routes = RPCRoutes(service: .integration, logger: runtime.logger)
        let units = OrgUnitCopies(schema: schema)
        SubscriptionHandlers(runtime: runtime, store: subscriptions, deliveries: DeliveryLog(schema: schema), jobs: jobs,
                             rules: SubscriptionRules(guardian: guardian), audit: audit,
                             managers: SubscriptionManagers(runtime: runtime, units: units)).register(&routes)
        DeadLetterHandlers(runtime: runtime, jobs: jobs, audit: audit, managers: SubscriptionManagers(runtime: runtime, units: units)).register(&routes)
        routes.on("payment-callback", PaymentCallback.self,
                  handler: PaymentCallbackHandler(runtime: runtime, payments: payments, jobs: jobs, secret: settings.paymentSecret).handle)
        routes.on("mail", MailMessage.self, handler: MailHandler(runtime: runtime, jobs: jobs, settings: settings).handle)
        routes.on("portal-submit", PortalDossierSubmission.self, handler: PortalSubmissionHandler(calls: calls).handle)

        let events = DossierEventHandler(settings: settings, log: log, jobs: jobs, subscriptions: subscriptions, payments: payments)
        runtime.setReadiness("org-units", false)  // until identity's tree is loaded
        try await runtime.run(routes: routes, subscriptions: [events.subscription, units.subscription(queue: "integration.identity-events")]) {
            // Secrets stored before sealing (or under a rotated-out data key) are sealed before serving.
            let sealed = try await AtRestSealer.refusingToStartUnlessOpens {
                try await runtime.database.transaction(logger: runtime.logger) { connection in
                    try await subscriptions.sealStoredSecrets(on: connection, logger: runtime.logger)
                }
            }
            if sealed > 0 { runtime.logger.info("sealed stored webhook secrets", metadata: ["subscriptions": "\(sealed)"]) }
        } afterSubscribed: {
            await withDiscardingTaskGroup { group in
                group.addTask { await rpcClient.run() }
                group.addTask { await units.synchronise(runtime: runtime) }
                await worker.run()
                await rpcClient.link.shutdown()
            }
            try? await httpClient.shutdown()
        }
    }
}
