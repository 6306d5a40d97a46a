import Contracts
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import OnegateWeb

/// Answering a supplement request from the status page, for the owner signed in
/// (`/me/dossiers/{code}/supplement`) and for the lookup token's holder (`/track/{code}/supplement`):
/// `GET` shows what the officer asked for and one file input per component of the procedure;
/// `POST` (multipart, `WebFormUpload`: the `csrf` part first, each file streamed to `documents`)
/// puts each file into the dossier under its component (`documents.attach`, as the owner or by the
/// token) and then tells processing (`supplement {supplied: [document ids]}`), which resumes the
/// dossier. The files keep their place in the applicant's data store.
struct SupplementPages {
    let backend: Backend
    let resources: WebResources
    let uploads: WebFormUpload

    var endpoints: RouteCollection<GatewayContext> {
        RouteCollection(context: GatewayContext.self)
            .get("me/dossiers/{code}/supplement", use: form)
            .post("me/dossiers/{code}/supplement", use: supplement)
            .get("track/{code}/supplement", use: form)
            .post("track/{code}/supplement", use: supplement)
    }

    static let noteLimit = 1000

    @Sendable func form(_ request: Request, context: GatewayContext) async throws -> Response {
        if let signIn = ApplicantDossiersController.signInFirst(request, context: context) { return signIn }
        let page = WebPage(request, context: context, resources: resources)
        let holder = try DossierActionPages.holder(request, context: context, form: nil)
        guard let (tracked, components) = try await awaited(holder, context: context) else { return WebPage.redirect(holder.statusPath) }
        return try render(page, holder: holder, tracked: tracked, components: components, note: "", errors: [])
    }

    @Sendable func supplement(_ request: Request, context: GatewayContext) async throws -> Response {
        if let signIn = ApplicantDossiersController.signInFirst(request, context: context) { return signIn }
        let page = WebPage(request, context: context, resources: resources)
        let code = context.parameters.get("code") ?? ""
        guard DossierCode(code) != nil else { throw Problem.notFound("No dossier \(code.prefix(64)).") }
        // A token holder's files are uploaded anonymously (whoever is signed in): the token puts them in.
        var uploadContext = context
        if request.uri.path.hasPrefix("/track/") { uploadContext.caller = .anonymous }
        let csrf = Cookies.parse(request.headers[.cookie])[WebCookie.csrf]
        let posted = try await uploads.read(request, context: uploadContext, csrfCookie: csrf)
        let holder = try DossierActionPages.holder(request, context: context, form: FormBody(fields: posted.fields))
        guard let (tracked, components) = try await awaited(holder, context: context) else { return WebPage.redirect(holder.statusPath) }
        let note = (posted.fields["note"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var errors: AccountPagesController.Errors = components.compactMap { component in
            posted.refused[Self.field(component.code)].map { (Self.field(component.code), Self.refusal($0, t: page.t)) }
        }
        let files = components.compactMap { component in posted.files[Self.field(component.code)].map { (component.code, $0) } }
        if files.isEmpty && errors.isEmpty, let first = components.first {
            errors.append((Self.field(first.code), page.t["supplement_no_file"]))
        }
        if note.count > Self.noteLimit { errors.append(("note", page.t["supplement_note_too_long"])) }
        guard errors.isEmpty else {
            return try render(page, holder: holder, tracked: tracked, components: components, note: note, errors: errors,
                              status: .badRequest)
        }
        let caller = holder.caller(context.caller)
        for (component, document) in files {
            _ = try await backend.call(.documents, "attach",
                                       AttachDocument(id: document.id, dossierCode: holder.code, componentCode: component,
                                                      lookupToken: holder.token),
                                       as: DocumentView.self, caller: caller, requestID: context.requestID)
        }
        var body: [String: JSONValue] = ["supplied": .array(files.map { .string($0.1.id) })]
        if !note.isEmpty { body["note"] = .string(note) }
        do {
            _ = try await backend.call(.processing, "act",
                                       DossierActionCommand(code: holder.code, action: DossierAction.Kind.supplement.rawValue,
                                                            body: .object(body), lookupToken: holder.token),
                                       as: ActionOutcome.self, caller: caller, requestID: context.requestID)
        } catch let problem as Problem where problem.status == 409 {
            return WebPage.redirect(holder.statusPath)
        }
        return WebPage.redirect(holder.path("", notice: "supplemented"))
    }

    /// The dossier when it waits for a supplement, with its procedure's components; nil otherwise.
    func awaited(_ holder: DossierHolder, context: GatewayContext) async throws -> (DossierTracking.Tracked, [DossierComponent])? {
        let tracked = try await DossierTracking(backend: backend).lookup(code: holder.code, token: holder.token,
                                                                         caller: holder.caller(context.caller), requestID: context.requestID)
        guard tracked.applicantTask?.kind == .supplement else { return nil }
        let published = try await backend.call(.catalog, "procedures.get", ProcedureReference(code: tracked.submission.procedureCode),
                                               as: ProcedureView.self, caller: .anonymous, requestID: context.requestID)
        return (tracked, published.procedure.components)
    }

    func render(_ page: WebPage, holder: DossierHolder, tracked: DossierTracking.Tracked, components: [DossierComponent], note: String,
                errors: AccountPagesController.Errors, status: HTTPResponse.Status = .ok) throws -> Response {
        var view = AccountPagesController.errorView(errors)
        let messages = Dictionary(errors.map { ($0.field, $0.message) }, uniquingKeysWith: { first, _ in first })
        view["code"] = holder.code
        view["items"] = tracked.applicantTask?.missingItems ?? []
        view["components"] = components.map { component -> [String: Any] in
            var item: [String: Any] = ["field": Self.field(component.code), "name": component.name]
            if let message = messages[Self.field(component.code)] { item["error"] = message }
            return item
        }
        view["note"] = note
        view["token"] = holder.token ?? ""
        view["hasToken"] = holder.token != nil
        view["action"] = holder.base + "/supplement"
        view["backHref"] = holder.statusPath
        return try page.render("supplement", title: page.t.format("supplement_title", ["code": holder.code]), status: status, view)
    }

    /// The file input of a component (`file-TK`).
    static func field(_ component: String) -> String { "file-" + component }

    /// Why `documents` refused a file, in the page's language.
    static func refusal(_ problem: Problem, t: MessageCatalog) -> String {
        switch problem.status {
        case 413: t["supplement_file_too_large"]
        case 415: t["supplement_file_wrong_type"]
        default: t["supplement_file_refused"]
        }
    }
}
