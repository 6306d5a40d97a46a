import Contracts
import Domain
import Forms
import Foundation
import PostgresNIO
import ServiceKit

/// `processing.form`: a form of a dossier, printable as HTML or PDF. Forms 01–05 print the data
/// they were issued with; 06 (control slip) is built from the history as it stands; 07 is the
/// page of the tracking book with the dossiers the agency received that day. 06 and 07 are the
/// agency's internal records (07 names the day's other applicants): only staff serving the
/// dossier's agency print them; its applicant gets 403.
struct FormHandler: Sendable {
    let runtime: ServiceRuntime
    let access: CaseAccess
    let store: CaseStore
    let history: HistoryStore
    let forms: FormStore
    let formData: FormDataBuilder
    /// The portal's public address (`ONEGATE_PUBLIC_BASE_URL`), for the status page on form 01.
    let portalBaseURL: String

    static let registerPageLimit = 500

    func handle(_ request: FormRequest, context: RPCContext) async throws -> RenderedForm {
        guard let form = DossierForm(rawValue: request.number) else {
            throw Problem.validation([FieldError(field: "number", message: "must be a form number from 01 to 07")])
        }
        guard request.format == "html" || request.format == "pdf" else {
            throw Problem.validation([FieldError(field: "format", message: "must be html or pdf")])
        }
        let token = request.lookupToken.flatMap { $0.isEmpty ? nil : $0 }
        if token != nil, form != .receipt {
            throw Problem.validation([FieldError(field: "token", message: "only form 01 prints the lookup token")])
        }
        let logger = context.logger
        var data = try await runtime.database.withConnection { connection in
            let (record, entitlements) = try await access.load(request.code, for: context.caller, on: connection, logger: logger)
            if let token, !LookupTokenDigest.matches(token, digest: record.lookupTokenHash) {
                throw Problem.validation([FieldError(field: "token", message: "is not this dossier's lookup token")])
            }
            if form == .controlSlip || form == .trackingBook {
                guard entitlements.roles.keys.contains(where: EntitlementResolver.staffRoles.contains) else {
                    throw Problem(status: 403, title: "Forbidden", detail:
                        "Mẫu \(form.rawValue) (\(form.vietnameseName)) là sổ sách nội bộ: chỉ cán bộ của cơ quan giải quyết hồ sơ được in. "
                        + "Form \(form.rawValue) is the agency's internal record: only staff serving agency \(record.agencyCode) may print it.")
                }
            }
            switch form {
            case .controlSlip:
                var data = try await formData.base(form, for: record, at: Date(), on: connection, logger: logger)
                let rows = try await history.rows(code: record.code, on: connection, logger: logger)
                data.timeline = TimelineHandler.entries(rows).map { entry in
                    FormData.TimelineEntry(step: entry.step ?? Self.actionName(entry.action), from: Self.person(entry.actor),
                                           to: rows[entry.sequence - 1].holder ?? "", at: entry.at, stepDueAt: entry.stepDueAt,
                                           onTime: entry.onTime, note: entry.reason ?? entry.note)
                }
                return data
            case .trackingBook:
                var data = try await formData.base(form, for: record, at: Date(), on: connection, logger: logger)
                data.register = try await register(around: record, on: connection, logger: context.logger)
                return data
            default:
                guard let issued = try await forms.latest(code: record.code, number: form.rawValue, on: connection, logger: logger) else {
                    throw Problem.notFound("Form \(form.rawValue) (\(form.vietnameseName)) was not issued for dossier \(record.code).")
                }
                return issued
            }
        }
        if let token {  // checked above; added to this rendering only, never to the stored form
            data.lookupToken = token
            data.statusURL = Self.statusURL(base: portalBaseURL, code: data.dossierCode, token: token)
        }
        let filename = "\(request.code)-mau-\(form.rawValue).\(request.format)"
        if request.format == "pdf" {
            let bytes = try FormRenderer.pdf(data)
            return RenderedForm(mediaType: "application/pdf", filename: filename, body: Data(bytes).base64EncodedString())
        }
        let html = try FormRenderer.html(data)
        return RenderedForm(mediaType: "text/html; charset=utf-8", filename: filename, body: Data(html.utf8).base64EncodedString())
    }

    /// The agency's dossiers received (or submitted) on the same Vietnam day as `record`.
    private func register(around record: CaseRecord, on connection: PostgresConnection, logger: Logger) async throws -> [FormData.RegisterRow] {
        let day = Moment(record.receivedAt ?? record.submittedAt).vietnamDate
        let start = Moment.startOfVietnamDay(day).date
        let end = start.addingTimeInterval(86_400)
        var bindings = PostgresBindings()
        bindings.append(record.agencyCode)
        bindings.append(start)
        bindings.append(end)
        let records = try await store.load(
            where: "agency_code = $1 AND coalesce(received_at, submitted_at) >= $2 AND coalesce(received_at, submitted_at) < $3 ORDER BY code",
            bindings, limit: Self.registerPageLimit, on: connection, logger: logger)
        return records.map { other in
            FormData.RegisterRow(dossierCode: other.code, procedureName: other.procedureName ?? other.procedureCode,
                                 applicantName: other.applicant?.name ?? "", receivedAt: other.receivedAt, dueAt: other.dueAt,
                                 finishedAt: other.finishedAt, returnedAt: other.returnedAt,
                                 status: other.status.vietnameseName)
        }
    }

    /// `<base>/track/{code}?token=<token>`: the code and the token are URL-safe as they are
    /// (digits, letters, `.`, `-`, `_`), so nothing needs escaping.
    static func statusURL(base: String, code: String, token: String) -> String {
        var base = base
        while base.hasSuffix("/") { base.removeLast() }
        return "\(base)/track/\(code)?token=\(token)"
    }

    private static func person(_ actor: ActorRef) -> String {
        [actor.name, Role(rawValue: actor.role)?.vietnameseName].compactMap { $0 }.joined(separator: " — ")
    }

    private static func actionName(_ action: String) -> String {
        action == "submit" ? "Nộp hồ sơ" : action
    }
}
