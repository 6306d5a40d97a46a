import Contracts
import Domain
import Foundation
import Hummingbird
import OnegateWeb

/// The online submission (docs/web.md, "Online submission"), in three steps that work without
/// JavaScript:
/// - `GET /procedures/{code}/submit`: the form — the applicant (prefilled from a signed-in
///   applicant's account), the agency when several handle the procedure, the procedure's
///   published e-form, and one file input per component with the upload limits;
/// - `POST /procedures/{code}/submit` (multipart, read by `WebFormUpload`; the script may have
///   uploaded the files already through `/uploads`): the files are stored, everything is checked
///   with intake's own rules; errors re-render the form with the values and the stored files
///   kept, else the review page;
/// - `POST /procedures/{code}/submit/confirm`: submits to intake (with an idempotency key from the
///   review page, so a second click makes no second dossier) and sends the applicant to the
///   receipt (`ReceiptController`). "Change" on the review page posts the values back to the form.
struct SubmissionPagesController {
    let backend: Backend
    let resources: WebResources
    let procedures: PublishedProcedures
    let uploads: WebFormUpload

    var endpoints: RouteCollection<GatewayContext> {
        RouteCollection(context: GatewayContext.self)
            .get("procedures/{code}/submit", use: start)
            .post("procedures/{code}/submit", use: review)
            .post("procedures/{code}/submit/confirm", use: confirm)
    }

    @Sendable func start(_ request: Request, context: GatewayContext) async throws -> Response {
        let page = WebPage(request, context: context, resources: resources)
        let procedure = try await submittable(context)
        var fields: [String: String] = [:]
        if context.caller.isAuthenticated,
           let profile = try? await backend.call(.identity, "accounts.profile", Empty(), as: ApplicantProfile.self,
                                                 caller: context.caller, requestID: context.requestID) {
            fields["applicant.name"] = profile.displayName
            fields["applicant.kind"] = profile.applicantKind
            fields["applicant.idNumber"] = profile.idNumber
            fields["applicant.phone"] = profile.phone
            fields["applicant.email"] = profile.email
        }
        return try await renderForm(OnlineSubmissionForm(procedure: procedure, fields: fields), page: page, errors: [], context: context)
    }

    @Sendable func review(_ request: Request, context: GatewayContext) async throws -> Response {
        let page = WebPage(request, context: context, resources: resources)
        let procedure = try await submittable(context)
        var fields: [String: String]
        var refused: [String: Problem] = [:]
        if WebFormUpload.acceptsMultipart(path: request.uri.path),
           request.headers[.contentType]?.lowercased().hasPrefix("multipart/form-data") == true {
            let posted = try await uploads.read(request, context: context, csrfCookie: Cookies.parse(request.headers[.cookie])[WebCookie.csrf])
            (fields, refused) = Self.submissionFields(posted)
        } else {
            fields = try await Self.formFields(request)
        }
        let form = OnlineSubmissionForm(procedure: procedure, fields: fields)
        if fields["step"] == "edit" {
            return try await renderForm(form, page: page, errors: [], context: context)
        }
        let view = SubmissionFormView(form: form, page: page, agencyNames: try await procedures.agencyNames(requestID: context.requestID),
                                      limits: nil)
        let problems = form.problems.filter { refused[$0.field] == nil }
        var errors = problems.map { (field: $0.field, message: view.message($0)) }
        errors += refused.keys.sorted().map { (field: $0, message: view.message(refused: refused[$0]!, field: $0)) }
        guard errors.isEmpty else {
            return try await renderForm(form, page: page, errors: errors, context: context)
        }
        return try page.render("submit-review", title: page.t["submit_review_title"],
                               view.reviewView(idempotencyKey: UUID().uuidString.lowercased()))
    }

    @Sendable func confirm(_ request: Request, context: GatewayContext) async throws -> Response {
        let page = WebPage(request, context: context, resources: resources)
        let procedure = try await submittable(context)
        let fields = try await Self.formFields(request)
        let form = OnlineSubmissionForm(procedure: procedure, fields: fields)
        let view = SubmissionFormView(form: form, page: page, agencyNames: try await procedures.agencyNames(requestID: context.requestID),
                                      limits: nil)
        let problems = form.problems
        guard problems.isEmpty else {
            return try await renderForm(form, page: page, errors: problems.map { ($0.field, view.message($0)) }, context: context)
        }
        let receipt: SubmissionReceipt
        do {
            receipt = try await backend.call(.intake, "submit", SubmitDossier(body: form.document, idempotencyKey: form.value("idempotencyKey")),
                                             as: SubmissionReceipt.self, caller: context.caller, requestID: context.requestID)
        } catch let problem as Problem where problem.status == 400 || problem.status == 413 {
            // What the page could not check itself: a document not the submitter's, or the dossier's files too large together.
            let errors = (problem.errors ?? []).map { error in
                (field: Self.pageField(error.field, form: form), message: error.message)
            }
            return try await renderForm(form, page: page, errors: errors.isEmpty ? [("doc", problem.detail ?? problem.title)] : errors,
                                        context: context)
        }
        guard let token = receipt.lookupToken else { return WebPage.redirect(TrackController.statusPath(code: receipt.code, token: "")) }
        return WebPage.redirect(ReceiptController.path(code: receipt.code, token: token))
    }

    /// A multipart submission form's fields with each stored file as `doc.{component}` (its name
    /// in `docname.{component}`), and why a file was refused, by its `doc.{component}` field.
    /// Shared with the workspace's counter intake (`IntakePages`).
    static func submissionFields(_ posted: WebFormUpload.Form) -> (fields: [String: String], refused: [String: Problem]) {
        var fields = posted.fields
        var refused: [String: Problem] = [:]
        for (input, document) in posted.files where input.hasPrefix("file.") {
            let component = input.dropFirst("file.".count)
            fields["doc.\(component)"] = document.id
            fields["docname.\(component)"] = document.filename
        }
        for (input, problem) in posted.refused where input.hasPrefix("file.") {
            let component = input.dropFirst("file.".count)
            fields["doc.\(component)"] = nil
            fields["docname.\(component)"] = nil
            refused["doc.\(component)"] = problem
        }
        return (fields, refused)
    }

    /// The page field of an intake error: `attachments[2].documentId` is the third component handed in.
    static func pageField(_ field: String, form: OnlineSubmissionForm) -> String {
        guard field.hasPrefix("attachments["), let close = field.firstIndex(of: "]"),
              let index = Int(field[field.index(field.startIndex, offsetBy: "attachments[".count)..<close]) else { return field }
        let handedIn = form.procedure.components.filter { form.documents[$0.code] != nil }
        return index < handedIn.count ? "doc.\(handedIn[index].code)" : field
    }

    /// The published procedure of the path, when it can be submitted online; else a 404 page.
    private func submittable(_ context: GatewayContext) async throws -> ProcedureDefinition {
        let code = context.parameters.get("code") ?? ""
        let published = try await backend.call(.catalog, "procedures.get", ProcedureReference(code: code), as: ProcedureView.self,
                                               caller: context.caller, requestID: context.requestID)
        let procedure = published.procedure
        guard procedure.onlineServiceLevel != "none", procedure.channels.contains(.online) else {
            throw Problem.notFound("Procedure \(code) cannot be submitted online.")
        }
        return procedure
    }

    private func renderForm(_ form: OnlineSubmissionForm, page: WebPage, errors: [(field: String, message: String)],
                            context: GatewayContext) async throws -> Response {
        let limits = try? await backend.call(.documents, "upload.limits", Empty(), as: UploadLimits.self, requestID: context.requestID)
        let view = SubmissionFormView(form: form, page: page, agencyNames: try await procedures.agencyNames(requestID: context.requestID),
                                      limits: limits)
        let action = "/procedures/\(PageChrome.encode(form.procedure.code))/submit"
        return try page.render("submit", title: page.t.format("submit_title", ["name": form.procedure.name]),
                               status: errors.isEmpty ? .ok : .badRequest, view.formView(errors: errors, action: action))
    }

    /// The fields of a urlencoded form (already read and checked by `WebSessionMiddleware`).
    static func formFields(_ request: Request) async throws -> [String: String] {
        let buffer = try await request.body.collect(upTo: WebSessionMiddleware.maximumFormBytes)
        return FormBody(encoded: String(buffer: buffer)).fields
    }
}
