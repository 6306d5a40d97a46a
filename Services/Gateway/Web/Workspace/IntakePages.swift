import Contracts
import Domain
import Foundation
import Hummingbird
import OnegateWeb

/// The desk officers' counter intake (docs/web.md, "Counter intake (workspace)"):
/// - `GET /workspace/intake?procedure=`: the published procedures to choose from, then the
///   procedure's form — channel (at the counter / by post), the applicant, the e-form and one
///   file input per component, exactly the portal's pieces (`SubmissionFormView`,
///   `submit-field`, `submit-components`) — with an idempotency key made when the page is drawn;
/// - `POST /workspace/intake` (multipart, read by `WebFormUpload`; the portal's script may have
///   uploaded the scans already through `/uploads`): the scans are stored as the officer's
///   documents, everything is checked with intake's rules (`OnlineSubmissionForm`), then
///   `intake.submit` as the officer with the page's key — pressing twice makes one dossier — and a
///   303 to the receipt;
/// - `GET /workspace/intake/{code}?token=`: the receipt, and `…/{code}/form-01?token=` its form 01
///   as a PDF (`IntakeReceiptPage`).
///
/// Only desk officers get the pages (403 for other staff); intake refuses on its own any caller who
/// is not a one-stop officer of a desk serving the dossier's agency (`CounterEntryScope`).
struct IntakePages {
    let backend: Backend
    let resources: WebResources
    let procedures: PublishedProcedures
    let procedureList: WorkQueueProcedures
    let uploads: WebFormUpload
    let receipt: IntakeReceiptPage

    static let root = "/workspace/intake"
    static let channels: [SubmissionChannel] = [.direct, .postal]

    var endpoints: RouteCollection<GatewayContext> {
        RouteCollection(context: GatewayContext.self)
            .get("workspace/intake", use: show)
            .post("workspace/intake", use: submit)
            .get("workspace/intake/{code}", use: receipt.show)
            .get("workspace/intake/{code}/form-01", use: receipt.receiptForm)
    }

    /// 403 (the error page) unless the signed-in user is a one-stop officer.
    static func requireDesk(_ context: GatewayContext) throws {
        guard try WorkspaceAccess.require(context).holds(.oneStopOfficer) else {
            throw Problem(status: 403, title: "Forbidden", detail: "Only one-stop officers enter counter and postal dossiers.")
        }
    }

    /// `GET /workspace/intake?procedure=`: the chooser, and the chosen procedure's empty form.
    @Sendable func show(_ request: Request, context: GatewayContext) async throws -> Response {
        try Self.requireDesk(context)
        let page = WebPage(request, context: context, resources: resources)
        let chosen = WebPage.query(request)["procedure"].flatMap { $0.isEmpty ? nil : $0 }
        guard let chosen else { return try await render(page, form: nil, errors: [], context: context) }
        let procedure = try await enterable(chosen, context: context)
        let channel = procedure.channels.contains(.direct) ? "direct" : "postal"
        let form = OnlineSubmissionForm(procedure: procedure, fields: ["channel": channel, "idempotencyKey": Self.newKey()])
        return try await render(page, form: form, errors: [], context: context)
    }

    /// `POST /workspace/intake`: stores the scans, checks the form, submits to intake.
    @Sendable func submit(_ request: Request, context: GatewayContext) async throws -> Response {
        try Self.requireDesk(context)
        let page = WebPage(request, context: context, resources: resources)
        guard WebFormUpload.acceptsMultipart(path: request.uri.path),
              request.headers[.contentType]?.lowercased().hasPrefix("multipart/form-data") == true else {
            throw Problem(status: 400, title: "Bad Request", detail: "The counter intake form is sent as multipart/form-data.")
        }
        let posted = try await uploads.read(request, context: context, csrfCookie: Cookies.parse(request.headers[.cookie])[WebCookie.csrf])
        var (fields, refused) = SubmissionPagesController.submissionFields(posted)
        let procedure = try await enterable(fields["procedureCode"] ?? "", context: context)
        if (fields["idempotencyKey"] ?? "").isEmpty { fields["idempotencyKey"] = Self.newKey() }
        let channel = fields["channel"].flatMap(SubmissionChannel.init(rawValue:))
        let form = OnlineSubmissionForm(procedure: procedure, fields: fields, channel: channel ?? .direct)
        let view = SubmissionFormView(form: form, page: page, agencyNames: try await procedures.agencyNames(requestID: context.requestID),
                                      limits: nil)
        var errors: [(field: String, message: String)] = []
        if let channel, Self.channels.contains(channel), procedure.channels.contains(channel) {} else {
            errors.append(("channel", page.t["intake_error_channel"]))
        }
        errors += form.problems.filter { refused[$0.field] == nil }.map { (field: $0.field, message: view.message($0)) }
        errors += refused.keys.sorted().map { (field: $0, message: view.message(refused: refused[$0]!, field: $0)) }
        if fields["confirm"] != "yes" { errors.append(("confirm", page.t["intake_error_confirm"])) }
        guard errors.isEmpty else { return try await render(page, form: form, errors: errors, context: context) }
        let submitted: SubmissionReceipt
        do {
            submitted = try await backend.call(.intake, "submit", SubmitDossier(body: form.document, idempotencyKey: form.value("idempotencyKey")),
                                               as: SubmissionReceipt.self, caller: context.caller, requestID: context.requestID)
        } catch let problem as Problem where problem.status == 400 || problem.status == 413 {
            let named = (problem.errors ?? []).map { error in
                (field: SubmissionPagesController.pageField(error.field, form: form), message: error.message)
            }
            return try await render(page, form: form, errors: named.isEmpty ? [("doc", problem.detail ?? problem.title)] : named,
                                    context: context)
        } catch let problem as Problem where problem.status == 422 {
            // The key was used for other values: this form was already sent once (without JavaScript
            // a second click uploads the files again); the dossier is in the queue.
            return try await render(page, form: form, errors: [("intake-submit", page.t["intake_error_sent_twice"])], context: context)
        }
        return WebPage.redirect(IntakeReceiptPage.path(code: submitted.code, token: submitted.lookupToken ?? ""))
    }

    /// The published procedure `code`, when it may be entered at a desk (counter or post); else 404.
    private func enterable(_ code: String, context: GatewayContext) async throws -> ProcedureDefinition {
        let published = try await backend.call(.catalog, "procedures.get", ProcedureReference(code: code), as: ProcedureView.self,
                                               caller: context.caller, requestID: context.requestID)
        guard published.procedure.channels.contains(where: Self.channels.contains) else {
            throw Problem.notFound("Procedure \(code) is not received at the counter or by post.")
        }
        return published.procedure
    }

    private func render(_ page: WebPage, form: OnlineSubmissionForm?, errors: [(field: String, message: String)],
                        context: GatewayContext) async throws -> Response {
        let list = try await procedureList.list(requestID: context.requestID)
        var view: [String: Any] = [
            "procedureOptions": list.map { ["code": $0.code, "name": $0.name, "selected": $0.code == form?.procedure.code] },
            "hasErrors": !errors.isEmpty,
            "errors": errors.map { ["field": SubmissionFormView.elementID($0.field), "message": $0.message] },
        ]
        if let form {
            let limits = try? await backend.call(.documents, "upload.limits", Empty(), as: UploadLimits.self, requestID: context.requestID)
            let formView = SubmissionFormView(form: form, page: page, agencyNames: try await procedures.agencyNames(requestID: context.requestID),
                                              limits: limits)
            view.merge(formView.formView(errors: errors, action: Self.root)) { $1 }
            let chosen = form.value("channel")
            view["channels"] = Self.channels.filter(form.procedure.channels.contains).map { channel in
                ["value": channel.rawValue, "text": page.t["intake_channel_\(channel.rawValue)"], "checked": channel.rawValue == chosen]
            }
            view["idempotencyKey"] = form.value("idempotencyKey") ?? Self.newKey()
            view["confirmChecked"] = form.value("confirm") == "yes"
            view["hasForm"] = true
            for (field, message) in errors {
                if field == "channel" { view["channelError"] = message }
                if field == "confirm" { view["confirmError"] = message }
            }
        }
        let title = form.map { page.t.format("intake_title_procedure", ["name": $0.procedure.name]) } ?? page.t["intake_heading"]
        return try page.render("workspace-intake", title: title, status: errors.isEmpty ? .ok : .badRequest, view)
    }

    /// A fresh idempotency key for one form (`web-` like the case page's actions).
    static func newKey() -> String { "web-" + UUID().uuidString.lowercased() }
}
