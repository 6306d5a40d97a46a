import Contracts
import Domain
import Foundation
import Hummingbird
import OnegateWeb

/// `GET /track/{code}/receipt?token=`: the receipt of an online submission — the dossier code,
/// the lookup token (shown here and on the status page's address only: intake keeps its hash),
/// the status, the due date once the dossier is received, and a QR code of the status page's
/// address (`ONEGATE_PUBLIC_BASE_URL`, else this request's host) for a phone to open. Printable.
struct ReceiptController {
    let tracking: DossierTracking
    let resources: WebResources
    let procedures: PublishedProcedures
    /// The portal's public address, when configured (`ONEGATE_PUBLIC_BASE_URL`).
    let publicBaseURL: String?

    var endpoints: RouteCollection<GatewayContext> {
        RouteCollection(context: GatewayContext.self)
            .get("track/{code}/receipt", use: receipt)
    }

    static func path(code: String, token: String) -> String {
        PageChrome.link(path: "/track/\(PageChrome.encode(code))/receipt", query: [("token", token)])
    }

    @Sendable func receipt(_ request: Request, context: GatewayContext) async throws -> Response {
        let page = WebPage(request, context: context, resources: resources)
        let code = context.parameters.get("code") ?? ""
        let token = WebPage.query(request)["token"] ?? ""
        guard DossierCode(code) != nil, !token.isEmpty else { throw Problem.notFound("No such dossier.") }
        let tracked: DossierTracking.Tracked
        do {
            tracked = try await tracking.lookup(code: code, token: token, caller: context.caller, requestID: context.requestID)
        } catch let problem as Problem where [400, 403, 404].contains(problem.status) {
            throw Problem.notFound("No such dossier.")
        }
        let statusPath = TrackController.statusPath(code: code, token: token)
        let base = (publicBaseURL ?? request.head.authority.map { "http://\($0)" } ?? "").trimmingSuffix("/")
        let statusURL = base + statusPath
        let name = await procedures.name(of: tracked.submission.procedureCode, requestID: context.requestID)
        let agency = (try? await procedures.agencyNames(requestID: context.requestID))?[tracked.submission.agencyCode]
        let t = page.t
        let view: [String: Any] = [
            "code": code, "token": token, "statusHref": statusPath, "statusURL": statusURL,
            "qr": try QRImage.dataURL(statusURL),
            "status": t.messages["status_name_\(tracked.status.code)"] ?? tracked.status.name,
            "statusNumber": t.format("status_number", ["number": String(tracked.status.code)]),
            "due": tracked.dueAt.map { t.format("due_at", ["time": VietnamTime.time($0), "date": VietnamTime.day($0)]) }
                ?? t["receipt_due_after_reception"],
            "procedureName": name ?? tracked.submission.procedureCode,
            "agency": agency ?? tracked.submission.agencyCode,
            "submittedAt": VietnamTime.dateTime(tracked.submission.submittedAt),
            "submittedISO": VietnamTime.iso(tracked.submission.submittedAt),
            "signedIn": context.caller.isAuthenticated,
        ]
        return try page.render("receipt", title: t.format("receipt_title", ["code": code]), view)
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
