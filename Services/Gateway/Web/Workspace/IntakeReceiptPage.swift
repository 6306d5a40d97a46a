import Contracts
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import OnegateWeb

/// `GET /workspace/intake/{code}?token=`: what the desk officer hands the applicant after a counter
/// or postal entry — the dossier code, status, due date, the lookup token and the QR code of the
/// public status page, "print the receipt (form 01)" once the dossier is received, and the case page.
/// `GET /workspace/intake/{code}/form-01?token=`: form 01 as processing renders it (`processing.form`)
/// with the lookup token, so it prints the token and the QR code of the status page. A postal entry says it awaits
/// reception. Read as the officer with the token (`DossierTracking`), so processing decides.
struct IntakeReceiptPage {
    let tracking: DossierTracking
    let resources: WebResources
    let procedures: PublishedProcedures
    /// The portal's public address, when configured (`ONEGATE_PUBLIC_BASE_URL`).
    let publicBaseURL: String?

    static func path(code: String, token: String) -> String {
        PageChrome.link(path: "\(IntakePages.root)/\(PageChrome.encode(code))", query: [("token", token)])
    }

    static func receiptFormPath(code: String, token: String) -> String {
        PageChrome.link(path: "\(IntakePages.root)/\(PageChrome.encode(code))/form-01", query: [("token", token)])
    }

    /// `GET /workspace/intake/{code}/form-01?token=`: the receipt (form 01) as a PDF, inline.
    @Sendable func receiptForm(_ request: Request, context: GatewayContext) async throws -> Response {
        try IntakePages.requireDesk(context)
        let code = context.parameters.get("code") ?? ""
        let token = WebPage.query(request)["token"].flatMap { $0.isEmpty ? nil : $0 }
        guard DossierCode(code) != nil else { throw Problem.notFound("No such dossier.") }
        let number = DossierForm.receipt.rawValue
        let rendered = try await tracking.backend.call(.processing, "form", FormRequest(code: code, number: number, format: "pdf", lookupToken: token),
                                                       as: RenderedForm.self, caller: context.caller, requestID: context.requestID,
                                                       timeout: DossiersController.formTimeout)
        guard let bytes = Data(base64Encoded: rendered.body) else { throw Problem.internalError }
        var headers = HTTPFields()
        headers[.contentType] = rendered.mediaType
        headers[.contentDisposition] = "inline; filename=\"\(DossiersController.asciiFilename(rendered.filename, fallback: "\(code)-\(number).pdf"))\""
        headers[.cacheControl] = "private, no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    @Sendable func show(_ request: Request, context: GatewayContext) async throws -> Response {
        try IntakePages.requireDesk(context)
        let page = WebPage(request, context: context, resources: resources)
        let code = context.parameters.get("code") ?? ""
        let token = WebPage.query(request)["token"] ?? ""
        guard DossierCode(code) != nil, !token.isEmpty else { throw Problem.notFound("No such dossier.") }
        var tracked = try await lookup(code: code, token: token, context: context)
        // A counter dossier is received as processing opens its case, a moment after intake stored it.
        var waited = 0
        while tracked.submission.channel == .direct, tracked.status.code == NationalStatus.submitted.rawValue, waited < 20 {
            try await Task.sleep(for: .milliseconds(100))
            waited += 1
            tracked = try await lookup(code: code, token: token, context: context)
        }
        let statusPath = TrackController.statusPath(code: code, token: token)
        let base = (publicBaseURL ?? request.head.authority.map { "http://\($0)" } ?? "").trimmingSuffix("/")
        let statusURL = base + statusPath
        let name = await procedures.name(of: tracked.submission.procedureCode, requestID: context.requestID)
        let agency = (try? await procedures.agencyNames(requestID: context.requestID))?[tracked.submission.agencyCode]
        let t = page.t
        let received = tracked.status.code != NationalStatus.submitted.rawValue
        let caseHref = "/workspace/dossiers/\(PageChrome.encode(code))"
        var view: [String: Any] = [
            "code": code, "token": token, "statusURL": statusURL, "qr": try QRImage.dataURL(statusURL),
            "heading": received ? t["intake_receipt_heading"] : t["intake_receipt_heading_postal"],
            "status": t.messages["status_name_\(tracked.status.code)"] ?? tracked.status.name,
            "statusNumber": t.format("status_number", ["number": String(tracked.status.code)]),
            "due": tracked.dueAt.map { t.format("due_at", ["time": VietnamTime.time($0), "date": VietnamTime.day($0)]) }
                ?? t["receipt_due_after_reception"],
            "channel": t.messages["intake_channel_\(tracked.submission.channel.rawValue)"] ?? tracked.submission.channel.rawValue,
            "isPostal": !received,
            "procedureName": name ?? tracked.submission.procedureCode,
            "agency": agency ?? tracked.submission.agencyCode,
            "submittedAt": VietnamTime.dateTime(tracked.submission.submittedAt),
            "submittedISO": VietnamTime.iso(tracked.submission.submittedAt),
            "caseHref": caseHref,
        ]
        if received { view["form01Href"] = Self.receiptFormPath(code: code, token: token) }
        return try page.render("workspace-intake-receipt", title: t.format("receipt_title", ["code": code]), view)
    }

    private func lookup(code: String, token: String, context: GatewayContext) async throws -> DossierTracking.Tracked {
        do {
            return try await tracking.lookup(code: code, token: token, caller: context.caller, requestID: context.requestID)
        } catch let problem as Problem where [400, 403, 404].contains(problem.status) {
            throw Problem.notFound("No such dossier.")
        }
    }
}
