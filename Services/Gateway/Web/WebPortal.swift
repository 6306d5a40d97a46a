import Foundation
import Hummingbird
import OnegateWeb
import ServiceKit

/// The pages the gateway serves (docs/web.md): assets first (no session work), then everything
/// behind `WebSessionMiddleware` (session cookies, language, CSRF, security headers).
struct WebPortal {
    let resources: WebResources
    let backend: Backend
    let verifier: TokenVerifier
    let environment: ServiceEnvironment
    let caches: GatewayCaches

    var endpoints: RouteCollection<GatewayContext> {
        let secure = environment.int("ONEGATE_WEB_SECURE_COOKIES", default: 0) == 1
        let procedures = PublishedProcedures(backend: backend)
        let pages = RouteCollection(context: GatewayContext.self)
        pages.addRoutes(AssetsController(resources: resources).endpoints)
        pages.add(middleware: WebSessionMiddleware(verifier: verifier, renewer: SessionRenewer(backend: backend), secureCookies: secure))
        pages.add(middleware: WorkspaceAccess.Guard())
        pages.addRoutes(WorkQueuePages(backend: backend, resources: resources, procedures: procedures, procedureList: WorkQueueProcedures(backend: backend), liveSeconds: max(1, environment.int("ONEGATE_WEB_LIVE_SECONDS", default: 5))).endpoints)
        pages.addRoutes(PortalController(backend: backend, resources: resources, procedures: procedures,
                                        pages: caches.searchPages).endpoints)
        let checkout = environment.values["ONEGATE_PAYMENT_CHECKOUT_URL"].flatMap { $0.isEmpty ? nil : $0 }
        let track = TrackController(tracking: DossierTracking(backend: backend), resources: resources, procedures: procedures,
                                    liveSeconds: max(1, environment.int("ONEGATE_WEB_LIVE_SECONDS", default: 5)),
                                    paymentEnabled: checkout != nil, cache: caches.statusPages)
        pages.addRoutes(track.endpoints)
        pages.addRoutes(SignInController(backend: backend, resources: resources, secureCookies: secure).endpoints)
        pages.addRoutes(AccountPagesController(backend: backend, resources: resources).endpoints)
        pages.addRoutes(ApplicantDossiersController(backend: backend, resources: resources, track: track).endpoints)
        pages.addRoutes(DossierActionPages(backend: backend, resources: resources, paymentCheckoutURL: checkout,
                                           publicBaseURL: environment.values["ONEGATE_PUBLIC_BASE_URL"].flatMap { $0.isEmpty ? nil : $0 }).endpoints)
        pages.addRoutes(SupplementPages(backend: backend, resources: resources, uploads: WebFormUpload(backend: backend)).endpoints)
        pages.addRoutes(ResultVerifyPages(backend: backend, resources: resources).endpoints)
        pages.addRoutes(RatingPages(backend: backend, resources: resources, track: track).endpoints)
        pages.addRoutes(UploadsController(backend: backend).endpoints)
        pages.addRoutes(ReportPages(backend: backend, resources: resources, procedures: procedures).endpoints)
        pages.addRoutes(AdminWebhookPages(backend: backend, resources: resources).endpoints)
        pages.addRoutes(AdminDeadLetterPages(backend: backend, resources: resources).endpoints)
        pages.addRoutes(AdminIndexPage(resources: resources).endpoints)
        pages.addRoutes(AdminHolidayPages(backend: backend, resources: resources).endpoints)
        pages.addRoutes(AdminUserCreatePages(backend: backend, resources: resources).endpoints)
        pages.addRoutes(AdminUserPages(backend: backend, resources: resources).endpoints)
        pages.addRoutes(AdminUnitPages(backend: backend, resources: resources).endpoints)
        pages.addRoutes(CasePages(backend: backend, resources: resources, procedures: procedures, uploads: WebFormUpload(backend: backend)).endpoints)
        pages.addRoutes(IntakePages(backend: backend, resources: resources, procedures: procedures, procedureList: WorkQueueProcedures(backend: backend), uploads: WebFormUpload(backend: backend), receipt: IntakeReceiptPage(tracking: DossierTracking(backend: backend), resources: resources, procedures: procedures, publicBaseURL: environment.values["ONEGATE_PUBLIC_BASE_URL"].flatMap { $0.isEmpty ? nil : $0 })).endpoints)
        pages.addRoutes(SubmissionPagesController(backend: backend, resources: resources, procedures: procedures,
                                                  uploads: WebFormUpload(backend: backend)).endpoints)
        pages.addRoutes(ReceiptController(tracking: DossierTracking(backend: backend), resources: resources, procedures: procedures,
                                          publicBaseURL: environment.values["ONEGATE_PUBLIC_BASE_URL"].flatMap { $0.isEmpty ? nil : $0 }).endpoints)
        return pages
    }
}
