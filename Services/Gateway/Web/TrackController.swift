import Contracts
import Crypto
import Domain
import Foundation
import Hummingbird
import OnegateWeb
import ServiceKit

/// `GET /track` (the lookup form: dossier code and lookup token) and `GET /track/{code}?token=`
/// (the public status page: the Annex I status in words with its number, the due date, what the
/// applicant must do now, the history newest first). The page re-reads itself every few seconds
/// with JavaScript (`onegate.js`); without it, a refresh link and a 30 s meta refresh. The
/// buttons of what the applicant must do now lead to `DossierActionPages` (withdraw, pay,
/// supplement) with the token; the signed-in owner's page is `ApplicantDossiersController`'s.
struct TrackController {
    let tracking: DossierTracking
    let resources: WebResources
    let procedures: PublishedProcedures
    /// Seconds between the page's live re-reads (`ONEGATE_WEB_LIVE_SECONDS`).
    let liveSeconds: Int
    /// True when the payment platform's checkout page is configured (the "Thanh toán" button).
    let paymentEnabled: Bool
    /// The status pages as rendered, until their dossier changes.
    let cache: ReadCache<String>

    var endpoints: RouteCollection<GatewayContext> {
        RouteCollection(context: GatewayContext.self)
            .get("track", use: form)
            .get("track/{code}", use: status)
    }

    @Sendable func form(_ request: Request, context: GatewayContext) async throws -> Response {
        let page = WebPage(request, context: context, resources: resources)
        let parameters = WebPage.query(request)
        let code = parameters["code"]?.trimmingCharacters(in: .whitespaces) ?? ""
        let token = parameters["token"]?.trimmingCharacters(in: .whitespaces) ?? ""
        // A link may prefill the code (`?code=`, as the payment platform's return does); the form's
        // submission always sends the token field too, and only then is it checked.
        guard parameters["token"] != nil else {
            return try lookupForm(page, code: code, token: "", errors: [])
        }
        var errors: [(field: String, message: String)] = []
        if DossierCode(code) == nil { errors.append(("code", page.t["track_code_invalid"])) }
        if token.isEmpty { errors.append(("token", page.t["track_token_missing"])) }
        guard errors.isEmpty else { return try lookupForm(page, code: code, token: token, errors: errors, status: .badRequest) }
        return WebPage.redirect(Self.statusPath(code: code, token: token))
    }

    @Sendable func status(_ request: Request, context: GatewayContext) async throws -> Response {
        let page = WebPage(request, context: context, resources: resources)
        let code = context.parameters.get("code") ?? ""
        let token = WebPage.query(request)["token"] ?? ""
        guard DossierCode(code) != nil else {
            return try lookupForm(page, code: code, token: token, errors: [("code", page.t["track_code_invalid"])], status: .badRequest)
        }
        guard !token.isEmpty else {
            return try lookupForm(page, code: code, token: "", errors: [("token", page.t["track_token_missing"])], status: .badRequest)
        }
        let holder = DossierHolder(code: code, token: token)
        // The page is kept as rendered, for this address, language and visitor, with a mark where
        // the visitor's CSRF token goes (the live part re-reads the same address every few seconds).
        let variant = [TrackedStatus.key(code: code, token: token), page.catalog.language.rawValue, request.uri.query ?? "",
                       page.chrome.userName ?? "", page.chrome.roles.joined(separator: ",")].joined(separator: "\u{1}")
        let html: String
        do {
            html = try await cache.value(for: variant, topic: CacheTopic.dossier(code)) {
                let (shown, cacheable) = try await fetch(holder, caller: context.caller, requestID: context.requestID)
                let rendered = try await renderHTML(shown.tracked, page: page.withCSRFMark(), holder: holder, results: [],
                                                    notice: DossierHolder.notice(WebPage.query(request)["notice"], catalog: page.t),
                                                    caller: context.caller, requestID: context.requestID, ratingState: shown.rating)
                return (rendered, cacheable)
            }
        } catch let problem as Problem where [400, 403, 404].contains(problem.status) {
            return try lookupForm(page, code: code, token: token, errors: [("code", page.t["track_not_found"])], status: .notFound)
        }
        return WebPage.html(page.fillingCSRFMark(html), status: .ok)
    }

    /// What the status page of a token's holder shows: the case, and once it was returned, the
    /// rating (two RPCs, both about the dossier's topic). Its page is kept only once processing has
    /// opened the case (before that, intake's answer would be kept past the hand-over).
    struct TrackedStatus: Sendable {
        var tracked: DossierTracking.Tracked
        var rating: DossierRatingState?

        /// The token takes part in the key only as its digest.
        static func key(code: String, token: String) -> String {
            code + " " + Data(SHA256.hash(data: Data(token.utf8))).base64EncodedString()
        }
    }

    private func fetch(_ holder: DossierHolder, caller: Caller, requestID: String) async throws -> (value: TrackedStatus, cacheable: Bool) {
        let tracked = try await tracking.lookup(code: holder.code, token: holder.token, caller: caller, requestID: requestID)
        let rating = tracked.status.code == NationalStatus.returned.rawValue
            ? try await RatingPages.state(holder, caller: caller, backend: tracking.backend, requestID: requestID) : nil
        return (TrackedStatus(tracked: tracked, rating: rating), tracked.state != nil)
    }

    /// The status page of `tracked` for its holder (the token's, or the owner signed in).
    func render(_ tracked: DossierTracking.Tracked, page: WebPage, holder: DossierHolder, results: [ResultView], notice: String?,
                caller: Caller, requestID: String, rating: RatingPages.Input? = nil, ratingState: DossierRatingState? = nil,
                status: HTTPResponse.Status = .ok) async throws -> Response {
        WebPage.html(try await renderHTML(tracked, page: page, holder: holder, results: results, notice: notice, caller: caller,
                                          requestID: requestID, rating: rating, ratingState: ratingState), status: status)
    }

    /// The status page's HTML (see `render`).
    func renderHTML(_ tracked: DossierTracking.Tracked, page: WebPage, holder: DossierHolder, results: [ResultView], notice: String?,
                    caller: Caller, requestID: String, rating: RatingPages.Input? = nil,
                    ratingState: DossierRatingState? = nil) async throws -> String {
        let name = await procedures.name(of: tracked.submission.procedureCode, requestID: requestID)
        let agency = (try? await procedures.agencyNames(requestID: requestID))?[tracked.submission.agencyCode]
        let units = (try? await procedures.unitNames(requestID: requestID)) ?? [:]
        var view = statusView(tracked, page: page, procedureName: name, agencyName: agency, unitNames: units, selfURL: holder.statusPath)
        view["task"] = ApplicantTaskView.view(tracked, holder: holder, t: page.t, paymentEnabled: paymentEnabled, results: results)
        if tracked.status.code == NationalStatus.returned.rawValue {
            var state = ratingState
            if state == nil { state = try await RatingPages.state(holder, caller: caller, backend: tracking.backend, requestID: requestID) }
            view["rating"] = state.flatMap { RatingPages.view($0, holder: holder, t: page.t, input: rating) }
        }
        if holder.token == nil {
            view["breadcrumbHref"] = "/me/dossiers"
            view["breadcrumbText"] = page.t["nav_my_dossiers"]
        }
        return try page.html("track", title: page.t.format("dossier_title", ["code": tracked.code]), notice: notice, view)
    }

    func statusView(_ tracked: DossierTracking.Tracked, page: WebPage, procedureName: String?, agencyName: String?,
                    unitNames: [String: String] = [:], selfURL: String) -> [String: Any] {
        let t = page.t
        let national = NationalStatus(rawValue: tracked.status.code) ?? .submitted
        func statusName(_ status: StatusView) -> String {
            t.messages["status_name_\(status.code)"] ?? status.name
        }
        // Until processing has opened the case its history is empty; the submission itself is the first step.
        let steps = tracked.history.isEmpty
            ? [StatusHistoryEntry(status: StatusView(.submitted), state: "submitted", at: tracked.submission.submittedAt, actor: "",
                                  reason: nil)]
            : tracked.history
        // Newest first; steps of the same instant keep their recorded order, reversed.
        let newestFirst = steps.enumerated().sorted { ($0.element.at, $0.offset) > ($1.element.at, $1.offset) }.map(\.element)
        let history = newestFirst.map { entry -> [String: Any] in
            var item: [String: Any] = [
                "name": statusName(entry.status),
                "numberText": t.format("status_number", ["number": String(entry.status.code)]),
                "tone": NationalStatus(rawValue: entry.status.code).map { StatusPresentation.tone($0).rawValue } ?? "waiting",
                "at": VietnamTime.dateTime(entry.at), "iso": VietnamTime.iso(entry.at),
            ]
            if !entry.actor.isEmpty {
                let unit = entry.unit.map { unitNames[$0] ?? $0 }
                item["actor"] = unit.map { t.format("history_by_unit", ["actor": entry.actor, "unit": $0]) }
                    ?? t.format("history_by", ["actor": entry.actor])
            }
            if let reason = entry.reason, !reason.isEmpty { item["reason"] = t.format("history_reason", ["reason": reason]) }
            if let due = tracked.dueAt {
                let onTime = entry.at <= due
                item["timeliness"] = onTime ? t["on_time"] : t["late"]
                item["timelinessClass"] = onTime ? "on-time" : "late"
            }
            return item
        }
        let due = tracked.dueAt.map { t.format("due_at", ["time": VietnamTime.time($0), "date": VietnamTime.day($0)]) } ?? t["due_unknown"]
        return [
            "heading": t.format("dossier_title", ["code": tracked.code]),
            "dossier": ["code": tracked.code, "agency": agencyName ?? tracked.submission.agencyCode],
            "status": [
                "code": String(tracked.status.code), "name": statusName(tracked.status),
                "numberText": t.format("status_number", ["number": String(tracked.status.code)]),
                "tone": StatusPresentation.tone(national).rawValue,
            ],
            "due": due,
            "guidance": t[StatusPresentation.guidanceKey(national)],
            "procedureName": procedureName ?? tracked.submission.procedureCode,
            "procedureHref": procedureName == nil ? "" : "/procedures/\(PageChrome.encode(tracked.submission.procedureCode))",
            "submittedAt": VietnamTime.dateTime(tracked.submission.submittedAt),
            "submittedISO": VietnamTime.iso(tracked.submission.submittedAt),
            "channel": t["channel_\(tracked.submission.channel.rawValue)"],
            "history": history,
            "breadcrumbHref": "/track", "breadcrumbText": t["nav_track"],
            "liveURL": selfURL, "selfURL": selfURL, "liveSeconds": String(liveSeconds),
            "liveVersion": "\(tracked.status.code)-\(tracked.history.count)-\(tracked.dueAt.map { String(Int($0.timeIntervalSince1970)) } ?? "")",
        ]
    }

    func lookupForm(_ page: WebPage, code: String, token: String, errors: [(field: String, message: String)],
                    status: HTTPResponse.Status = .ok) throws -> Response {
        var view: [String: Any] = [
            "code": code, "token": token, "hasErrors": !errors.isEmpty,
            "errors": errors.map { ["field": $0.field, "message": $0.message] },
        ]
        for error in errors { view["\(error.field)Error"] = error.message }
        return try page.render("track-lookup", title: page.t["track_title"], status: status, view)
    }

    static func statusPath(code: String, token: String) -> String {
        PageChrome.link(path: "/track/\(PageChrome.encode(code))", query: [("token", token)])
    }
}
