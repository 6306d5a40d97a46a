import Contracts
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import OnegateWeb

/// The officers' case page (issue 16, docs/web.md "Workspace"):
/// - `GET /workspace/dossiers/{code}`: the whole case as processing shows it to the signed-in
///   officer (`CaseData`, `CasePageView`), with one form per action in its `allowedActions`;
/// - `POST /workspace/dossiers/{code}/{action}`: the action's form (urlencoded; `issue-result`
///   multipart with the result's PDF, `WebFormUpload`) → `processing.act` with the form's
///   idempotency key → 303 back with a notice. A form missing an input, or processing's 400,
///   403 or 409, shows the case page again with the reason in the error summary: nothing changed.
/// `WorkspaceAccess` lets only staff in (its guard sends anonymous visitors to sign in); processing
/// decides who may see the case (another agency's officer gets its 404) and act on it.
struct CasePages {
    let backend: Backend
    let resources: WebResources
    let procedures: PublishedProcedures
    let uploads: WebFormUpload

    var endpoints: RouteCollection<GatewayContext> {
        let files = CaseFiles(backend: backend)
        return RouteCollection(context: GatewayContext.self)
            .get("workspace/dossiers/{code}", use: show)
            .get("workspace/dossiers/{code}/documents/{id}", use: files.document)
            .get("workspace/dossiers/{code}/forms/{number}", use: files.form)
            .post("workspace/dossiers/{code}/{action}", use: act)
    }

    static func code(_ context: GatewayContext) throws -> String {
        let code = context.parameters.get("code") ?? ""
        guard DossierCode(code) != nil else { throw Problem.notFound("No dossier \(code.prefix(64)).") }
        return code
    }

    @Sendable func show(_ request: Request, context: GatewayContext) async throws -> Response {
        _ = try WorkspaceAccess.require(context)
        let page = WebPage(request, context: context, resources: resources)
        let code = try Self.code(context)
        let data = try await CaseData.load(code: code, backend: backend, procedures: procedures, caller: context.caller,
                                           requestID: context.requestID)
        let notice = WebPage.query(request)["notice"].flatMap(DossierAction.Kind.init(rawValue:)).map {
            page.t.format("case_notice_done", ["action": page.t[CaseActionForm(kind: $0).labelKey]])
        }
        return try render(page, data: data, errors: [], posted: nil, notice: notice)
    }

    func render(_ page: WebPage, data: CaseData, errors: AccountPagesController.Errors, posted: CasePageView.Posted?,
                notice: String? = nil, status: HTTPResponse.Status = .ok) throws -> Response {
        let view = CasePageView(data: data, t: page.t, now: Date()).view(errors: errors, posted: posted)
        return try page.render("workspace-case", title: page.t.format("case_heading", ["code": data.detail.code]), status: status,
                               notice: notice, view)
    }

    @Sendable func act(_ request: Request, context: GatewayContext) async throws -> Response {
        _ = try WorkspaceAccess.require(context)
        let code = try Self.code(context)
        let name = context.parameters.get("action") ?? ""
        guard let kind = DossierAction.Kind(rawValue: name) else { throw Problem.notFound("No action \(name.prefix(64)).") }
        let form = CaseActionForm(kind: kind)
        let page = WebPage(request, context: context, resources: resources)
        var fields: [String: String]
        var resultDocument: DocumentView?
        var resultRefusal: Problem?
        if form.uploads, request.headers[.contentType]?.lowercased().hasPrefix("multipart/form-data") == true {
            let posted = try await uploads.read(request, context: context, csrfCookie: Cookies.parse(request.headers[.cookie])[WebCookie.csrf])
            fields = posted.fields
            resultDocument = posted.files["resultFile"]
            resultRefusal = posted.refused["resultFile"]
        } else {
            fields = try await AccountPagesController.form(request).fields
        }
        fields["csrf"] = nil
        let posted = CasePageView.Posted(action: kind.rawValue, fields: fields)
        let (body, errors) = form.body(fields, resultDocument: resultDocument, resultRefusal: resultRefusal, t: page.t)
        guard errors.isEmpty else {
            return try await again(page, code: code, context: context, errors: errors, posted: posted, status: .badRequest)
        }
        let key = (fields["idempotencyKey"] ?? "").trimmingCharacters(in: .whitespaces)
        do {
            _ = try await backend.call(.processing, "act",
                                       DossierActionCommand(code: code, action: kind.rawValue, body: body,
                                                            idempotencyKey: key.isEmpty ? nil : "web-" + key),
                                       as: ActionOutcome.self, caller: context.caller, requestID: context.requestID)
        } catch let problem as Problem where [400, 403, 409].contains(problem.status) {
            let reason = problem.detail ?? problem.title
            var named: AccountPagesController.Errors = (problem.errors ?? []).map { error in
                let input = CaseActionForm.Input(rawValue: error.field.split(separator: "[").first.map(String.init) ?? "")
                let message = page.t.format("case_error_service_field", ["field": error.field, "message": error.message])
                return (input.map(form.id) ?? "actions", message)
            }
            if named.isEmpty {
                let key = problem.status == 409 ? "case_refused_state" : problem.status == 403 ? "case_refused_role" : "case_refused_data"
                named = [("actions", page.t.format(key, ["reason": reason]))]
            }
            return try await again(page, code: code, context: context, errors: named, posted: posted,
                                   status: HTTPResponse.Status(code: problem.status))
        }
        return WebPage.redirect(PageChrome.link(path: "/workspace/dossiers/\(PageChrome.encode(code))", query: [("notice", kind.rawValue)]))
    }

    /// The case page as it is now, with the form's problems (the case is read again: it may have changed).
    func again(_ page: WebPage, code: String, context: GatewayContext, errors: AccountPagesController.Errors,
               posted: CasePageView.Posted, status: HTTPResponse.Status) async throws -> Response {
        let data = try await CaseData.load(code: code, backend: backend, procedures: procedures, caller: context.caller,
                                           requestID: context.requestID)
        return try render(page, data: data, errors: errors, posted: posted, status: status)
    }
}
