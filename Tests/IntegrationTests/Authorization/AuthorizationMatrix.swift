import Foundation
import Testing

/// The authorization matrix: every operation of the OpenAPI document × every caller, with the
/// status each must get (docs/authorization.md explains the rules). Columns, in every row:
///
///     anon | cit cit2 ptn ptn2 | off spec head lead sup adm | offB specB headB leadB supB admB
///
/// `cit` owns dossier A (agency 000.00.01.H30); `cit2` and `ptn2` are another citizen and another
/// partner; `off`…`adm` are the demo staff (the one-stop desk and the supervisor and administrator
/// of the province serve A); `…B` are the staff of agency B (000.00.02.H30), who do not.
///
/// Refusals, by design: 401 without a token; 404 for a dossier the caller may not see (processing
/// does not tell another agency's staff, or another applicant, that a code exists); 403 for a role
/// that may not do this (on a dossier the caller may see, or on an endpoint of another role), and
/// for documents and e-results of others (their ids are random, so 403 leaks nothing). A row that
/// names a body the owning service refuses (400) shows who got past the authorization checks
/// without changing anything.
enum AuthorizationMatrix {
    static let everyone200 = "all 200"
    /// Dossier A's case: its applicant and the staff serving agency A.
    static let seesDossier = "401 | 200 404 404 404 | 200 200 200 200 200 404 | 404 404 404 404 404 404"
    /// Agency A's internal records (forms 06 and 07): its staff only.
    static let agencyRecord = "401 | 403 404 404 404 | 200 200 200 200 200 404 | 404 404 404 404 404 404"
    /// A document or e-result of dossier A: its owner and the officers handling A (not supervisors).
    static let readsDocument = "401 | 200 403 403 403 | 200 200 200 200 403 403 | 403 403 403 403 403 403"
    /// Reports: department heads, agency leaders, supervisors and administrators, within their units.
    static let readsReports = "401 | 403 403 403 403 | 403 403 200 200 200 200 | 403 403 200 200 200 200"
    /// Agency A's figures: its readers and the province's administrator; agency B's readers and
    /// administrator see only their own agency's.
    static let reportsOnAgencyA = "401 | 403 403 403 403 | 403 403 200 200 200 200 | 403 403 403 403 403 403"
    static let administrators = "401 | 403 403 403 403 | 403 403 403 403 403 200 | 403 403 403 403 403 200"
    /// Province-wide writes (catalog, calendar, users of agency A): the province's administrator.
    static let provinceAdministrator = "401 | 403 403 403 403 | 403 403 403 403 403 200 | 403 403 403 403 403 403"
    /// A partner's subscription: the partner, and the province's administrators (partners belong
    /// to no agency: agency B's administrator has no say).
    static let partnersOwnSubscription = "401 | 403 403 200 404 | 403 403 403 403 403 200 | 403 403 403 403 403 403"

    static var rows: [MatrixRow] {
        processWalk + dossierReads + documentRows + resultRows + reportRows + integrationRows + directoryRows + catalogRows
            + operationsRows
    }

    // MARK: The process, walked once: each action probed in a state that allows it

    /// `POST …/{action}` on dossier A in `state`. Refused callers get 401, 404 or 403; `body` (an
    /// invalid one where the action takes data) shows who passed the checks; `advance` then moves
    /// the dossier on as that caller with a valid body.
    static func action(_ name: String, in state: String, _ expected: String, body: String? = nil,
                       advance: (MatrixCaller, String)? = nil,
                       then extra: (@Sendable (MatrixFixtures) async throws -> Void)? = nil) -> MatrixRow {
        MatrixRow(.post, "/api/v1/dossiers/{code}/\(name)", "in \(state)", expected, mutates: true, before: { f in
            let seen = try await f.desk.status(f.dossier).state
            return seen == state ? nil : "dossier \(f.dossier) is \(seen), not \(state)"
        }, then: { f in
            if let (caller, valid) = advance { try await f.desk.act(f.dossier, name, as: caller.username!, valid) }
            if let extra { try await extra(f) }
        }) { f, _ in
            let path = "/api/v1/dossiers/\(f.dossier)/\(name)"
            return body.map { .json(path, $0) } ?? MatrixRequest(path: path)
        }
    }

    static let processWalk: [MatrixRow] = [
        action("refuse", in: "awaiting-reception", "401 | 403 404 404 404 | 400 403 403 403 403 404 | 404 404 404 404 404 404",
               body: #"{"reason": " "}"#),
        action("request-supplement", in: "awaiting-reception",
               "401 | 403 404 404 404 | 400 403 403 403 403 404 | 404 404 404 404 404 404",
               body: #"{"missingItems": [1]}"#, advance: (.officer, #"{"missingItems": ["Bản chính Giấy chứng sinh"]}"#)),
        action("supplement", in: "supplement-requested-at-reception",
               "401 | 400 404 404 404 | 400 403 403 403 403 404 | 404 404 404 404 404 404",
               body: #"{"supplied": [1]}"#, advance: (.citizen, #"{"supplied": ["Bản chính Giấy chứng sinh"]}"#)),
        action("receive", in: "awaiting-reception", "401 | 403 404 404 404 | 200 403 403 403 403 404 | 404 404 404 404 404 404"),
        action("transfer", in: "received", "401 | 403 404 404 404 | 200 403 403 403 403 404 | 404 404 404 404 404 404"),
        action("assign", in: "transferred", "401 | 403 404 404 404 | 403 403 400 403 403 404 | 404 404 404 404 404 404",
               body: #"{"assignee": "authz-specialist-b"}"#, advance: (.head, #"{"assignee": "specialist"}"#)),
        action("send-back", in: "in-handling", "401 | 403 404 404 404 | 403 400 403 403 403 404 | 404 404 404 404 404 404",
               body: #"{"reason": " "}"#),
        action("extend", in: "in-handling", "401 | 403 404 404 404 | 403 403 400 400 403 404 | 404 404 404 404 404 404",
               body: #"{"reason": " "}"#),
        action("stop", in: "in-handling", "401 | 403 404 404 404 | 403 403 403 400 403 404 | 404 404 404 404 404 404",
               body: #"{"reason": " "}"#),
        action("withdraw", in: "in-handling", "401 | 400 404 404 404 | 400 403 403 403 403 404 | 404 404 404 404 404 404",
               body: #"{"reason": " "}"#),
        action("request-payment", in: "in-handling", "401 | 403 404 404 404 | 403 400 403 403 403 404 | 404 404 404 404 404 404",
               body: #"{"amount": "nhiều"}"#, advance: (.specialist, #"{"amount": 200000}"#)),
        action("confirm-payment", in: "awaiting-payment", "401 | 403 404 404 404 | 400 403 403 403 403 404 | 404 404 404 404 404 404",
               body: #"{"reference": " "}"#, advance: (.officer, #"{"reference": "BL-AUTHZ-1"}"#)),
        action("consult", in: "in-handling", "401 | 403 404 404 404 | 403 400 403 403 403 404 | 404 404 404 404 404 404",
               body: #"{"agencies": ["Sở Y tế"]}"#, advance: (.specialist, #"{"agencies": ["000.00.03.H30"]}"#)),
        action("reply-consultation", in: "awaiting-consultation",
               "401 | 403 404 404 404 | 403 400 403 403 403 404 | 404 404 404 404 404 404",
               body: #"{"agency": "Sở Y tế"}"#, advance: (.specialist, #"{"agency": "000.00.03.H30"}"#)),
        action("complete-step", in: "in-handling", "401 | 403 404 404 404 | 403 200 403 403 403 404 | 404 404 404 404 404 404"),
        action("approve", in: "awaiting-approval", "401 | 403 404 404 404 | 403 403 403 200 403 404 | 404 404 404 404 404 404"),
        action("issue-result", in: "approved", "401 | 403 404 404 404 | 403 403 403 400 403 404 | 404 404 404 404 404 404",
               body: #"{"resultDocuments": [1]}"#, then: { try await $0.issueResult() }),
        action("return-result", in: "result-issued", "401 | 403 404 404 404 | 400 403 403 403 403 404 | 404 404 404 404 404 404",
               body: #"{"channel": "pigeon"}"#, advance: (.officer, #"{"channel": "direct"}"#)),
    ]

    // MARK: Dossiers: reading, queues, submitting

    /// A work queue must not list dossier A to anyone who may not see it.
    static let queueShowsOnlyOwn: MatrixRow.Check = { f, caller, result in
        let codes = ((result.json?["items"] as? [[String: Any]]) ?? []).compactMap { $0["code"] as? String }
        let entitled: Set<MatrixCaller> = [.citizen, .officer, .specialist, .head, .leader, .supervisor]
        if !entitled.contains(caller), codes.contains(f.dossier) { return "lists dossier \(f.dossier)" }
        let agencyB: Set<MatrixCaller> = [.officerB, .specialistB, .headB, .leaderB, .supervisorB]
        if agencyB.contains(caller), let foreign = codes.first(where: { $0.hasPrefix(Desk.justice) }) {
            return "lists agency A's dossier \(foreign)"
        }
        return nil
    }

    static let dossierReads: [MatrixRow] = [
        MatrixRow(.get, "/api/v1/dossiers/{code}", "signed in", seesDossier) { f, _ in MatrixRequest(path: "/api/v1/dossiers/\(f.dossier)") },
        MatrixRow(.get, "/api/v1/dossiers/{code}", "lookup token", everyone200) { f, _ in
            MatrixRequest(path: "/api/v1/dossiers/\(f.dossier)?token=\(f[\.lookupToken])")
        },
        MatrixRow(.get, "/api/v1/dossiers/{code}", "wrong token", "all 404") { f, _ in
            MatrixRequest(path: "/api/v1/dossiers/\(f.dossier)?token=AAAAAAAAAAAAAAAAAAAAAA")
        },
        MatrixRow(.get, "/api/v1/dossiers/{code}/timeline", "", seesDossier) { f, _ in
            MatrixRequest(path: "/api/v1/dossiers/\(f.dossier)/timeline")
        },
        MatrixRow(.get, "/api/v1/dossiers/{code}/forms/{number}", "01 receipt", seesDossier) { f, _ in
            MatrixRequest(path: "/api/v1/dossiers/\(f.dossier)/forms/01?format=html")
        },
        MatrixRow(.get, "/api/v1/dossiers/{code}/forms/{number}", "06 control slip", agencyRecord) { f, _ in
            MatrixRequest(path: "/api/v1/dossiers/\(f.dossier)/forms/06?format=html")
        },
        MatrixRow(.get, "/api/v1/dossiers/{code}/forms/{number}", "07 tracking book", agencyRecord) { f, _ in
            MatrixRequest(path: "/api/v1/dossiers/\(f.dossier)/forms/07?format=html")
        },
        MatrixRow(.get, "/api/v1/dossiers", "agency A's finished birth registrations",
                  "401 | 200 200 403 403 | 200 200 200 200 200 403 | 200 200 200 200 200 403", check: queueShowsOnlyOwn) { _, _ in
            MatrixRequest(path: "/api/v1/dossiers?agency=\(Desk.justice)&procedure=\(Desk.birth)&state=returned&pageSize=100")
        },
        MatrixRow(.get, "/api/v1/dossiers", "returned today, soonest due first",
                  "401 | 200 200 403 403 | 200 200 200 200 200 403 | 200 200 200 200 200 403", check: queueShowsOnlyOwn) { _, _ in
            MatrixRequest(path: "/api/v1/dossiers?state=returned&pageSize=100")
        },
        // A counter entry is a one-stop officer's, for an agency their desk serves; the attachments
        // (unknown ids) are refused only after that.
        MatrixRow(.post, "/api/v1/dossiers", "counter entry for agency A",
                  "401 | 403 403 403 403 | 400 403 403 403 403 403 | 403 403 403 403 403 403") { _, _ in
            .json("/api/v1/dossiers", Integration.EndToEndTests.submission(channel: "direct", documents: (0..<3).map { _ in UUID().uuidString }))
        },
        // Online submissions are open to everyone; foreign or unknown attachments are refused.
        MatrixRow(.post, "/api/v1/dossiers", "online, others' attachments", "all 400") { f, _ in
            .json("/api/v1/dossiers", Integration.EndToEndTests.submission(documents: [f[\.attachment], f[\.looseDocument], UUID().uuidString]))
        },
    ]

    // MARK: Documents

    /// The applicant's data store holds their own documents only: nobody else's library shows the
    /// citizen's submitted attachment or their e-result (the staff's own uploads into A are theirs).
    static let libraryShowsOnlyOwn: MatrixRow.Check = { f, caller, result in
        let text = String(decoding: result.body, as: UTF8.self)
        let theirs = [f[\.attachment], f[\.resultDocument], f[\.resultCode]].filter { !$0.isEmpty }
        return caller != .citizen && theirs.contains(where: text.contains) ? "shows the citizen's documents" : nil
    }

    static let documentRows: [MatrixRow] = [
        MatrixRow(.post, "/api/v1/documents", "plain file", "all 201") { _, caller in
            MatrixRequest(path: "/api/v1/documents", body: DocumentFixtures.pdf("Tai lieu \(caller)"), contentType: "application/pdf")
        },
        MatrixRow(.post, "/api/v1/documents", "into dossier A",
                  "401 | 201 403 403 403 | 201 201 201 201 403 403 | 403 403 403 403 403 403", mutates: true) { f, caller in
            MatrixRequest(path: "/api/v1/documents?dossierCode=\(f.dossier)&componentCode=GTTT",
                          body: DocumentFixtures.pdf("Ban sao \(caller)"), contentType: "application/pdf")
        },
        MatrixRow(.get, "/api/v1/documents/{id}", "", readsDocument) { f, _ in MatrixRequest(path: "/api/v1/documents/\(f[\.attachment])") },
        MatrixRow(.get, "/api/v1/documents/{id}/meta", "", readsDocument) { f, _ in
            MatrixRequest(path: "/api/v1/documents/\(f[\.attachment])/meta")
        },
        MatrixRow(.get, "/api/v1/documents/{id}/signature", "the e-result's", readsDocument) { f, _ in
            MatrixRequest(path: "/api/v1/documents/\(f[\.resultDocument])/signature")
        },
        MatrixRow(.get, "/api/v1/documents/{id}/certificate", "the e-result's", readsDocument) { f, _ in
            MatrixRequest(path: "/api/v1/documents/\(f[\.resultDocument])/certificate")
        },
        // The citizen's own loose document into their dossier: only they may; officers of A may not
        // take another's document either.
        MatrixRow(.post, "/api/v1/documents/{id}/attach", "citizen's loose document into A",
                  "401 | 200 403 403 403 | 403 403 403 403 403 403 | 403 403 403 403 403 403", mutates: true) { f, _ in
            .json("/api/v1/documents/\(f[\.looseDocument])/attach", #"{"dossierCode": "\#(f.dossier)", "componentCode": "GTTT"}"#)
        },
        MatrixRow(.post, "/api/v1/documents/{id}/legal-hold", "a document of A", provinceAdministrator, mutates: true) { f, _ in
            .json("/api/v1/documents/\(f[\.attachment])/legal-hold", #"{"hold": false}"#)
        },
        MatrixRow(.get, "/api/v1/dossiers/{code}/documents", "dossier A's", readsDocument) { f, _ in
            MatrixRequest(path: "/api/v1/dossiers/\(f.dossier)/documents")
        },
        MatrixRow(.get, "/api/v1/me/documents", "", "401 | 200 200 200 200 | 200 200 200 200 200 200 | 200 200 200 200 200 200",
                  check: libraryShowsOnlyOwn) { _, _ in MatrixRequest(path: "/api/v1/me/documents") },
    ]

    // MARK: E-results (dossier A's result was issued by the walk)

    static let resultRows: [MatrixRow] = [
        MatrixRow(.get, "/api/v1/results/{code}", "", readsDocument) { f, _ in MatrixRequest(path: "/api/v1/results/\(f[\.resultCode])") },
        MatrixRow(.post, "/api/v1/results", "a further result of A",
                  "401 | 403 403 403 403 | 201 403 403 201 403 403 | 403 403 403 403 403 403", mutates: true,
                  check: { f, caller, result in
                      if caller == .leader, let code = result.json?["code"] as? String { f.set { $0.furtherResult = code } }
                      return nil
                  }) { f, caller in
            let document = f[\.furtherResultDocuments][caller] ?? f[\.furtherResultDocuments][.leader] ?? ""
            return .json("/api/v1/results", #"{"dossierCode": "\#(f.dossier)", "documentId": "\#(document)"}"#)
        },
        MatrixRow(.post, "/api/v1/results/{code}/invalidate", "the further result",
                  "401 | 403 403 403 403 | 403 403 403 200 403 403 | 403 403 403 403 403 403", mutates: true) { f, _ in
            .json("/api/v1/results/\(f[\.furtherResult])/invalidate", #"{"reason": "Cấp nhầm khi thử phân quyền"}"#)
        },
        MatrixRow(.post, "/api/v1/results/{code}/verify", "", "all 200") { f, _ in
            MatrixRequest(path: "/api/v1/results/\(f[\.resultCode])/verify", body: f[\.resultFile], contentType: "application/pdf")
        },
    ]

    // MARK: Reports

    static func reportsPeriod() -> String {
        let formatter = DateFormatter()
        formatter.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")
        formatter.dateFormat = "yyyy-MM-dd"
        let today = Date()
        return "from=\(formatter.string(from: today.addingTimeInterval(-7 * 86_400)))&to=\(formatter.string(from: today))"
    }

    static func report(_ name: String, _ variant: String = "", _ expected: String = readsReports, query: String = "") -> MatrixRow {
        MatrixRow(.get, "/api/v1/reports/\(name)", variant, expected) { _, _ in
            MatrixRequest(path: "/api/v1/reports/\(name)" + (query.isEmpty ? "" : "?\(query)"))
        }
    }

    static let reportRows: [MatrixRow] = [
        report("intake-counts", "public", everyone200, query: "agency=\(Desk.justice)"),
        report("summary", query: reportsPeriod()),
        report("summary", "agency A", reportsOnAgencyA,
               query: reportsPeriod() + "&agency=\(Desk.justice)"),
        report("statistics", query: reportsPeriod() + "&format=csv"),
        report("overdue"),
        report("overdue", "agency A", reportsOnAgencyA,
               query: "agency=\(Desk.justice)"),
        report("officers", query: reportsPeriod()),
        report("procedures", query: reportsPeriod()),
        report("dashboard"),
        report("performance", "", administrators),
    ]

    // MARK: Integration: subscriptions, the portal, payments

    static func subscription(_ method: HTTP.Method, _ suffix: String, _ expected: String = partnersOwnSubscription,
                             body: String? = nil, mutates: Bool = false) -> MatrixRow {
        MatrixRow(method, "/api/v1/subscriptions/{id}\(suffix)", "the partner's", expected, mutates: mutates) { f, _ in
            let path = "/api/v1/subscriptions/\(f[\.subscription])\(suffix)"
            return body.map { .json(path, $0) } ?? MatrixRequest(path: path)
        }
    }

    static let integrationRows: [MatrixRow] = [
        MatrixRow(.post, "/api/v1/subscriptions", "invalid URL",
                  "401 | 403 403 400 400 | 403 403 403 403 403 400 | 403 403 403 403 403 403") { _, _ in
            .json("/api/v1/subscriptions", #"{"url": "not a url", "events": ["dossier.status-changed"]}"#)
        },
        MatrixRow(.get, "/api/v1/subscriptions", "", "401 | 403 403 200 200 | 403 403 403 403 403 200 | 403 403 403 403 403 403",
                  check: { f, caller, result in
                      let listed = String(decoding: result.body, as: UTF8.self).contains(f[\.subscription])
                      return caller == .otherPartner && listed ? "lists the partner's subscription" : nil
                  }) { _, _ in MatrixRequest(path: "/api/v1/subscriptions") },
        subscription(.get, ""),
        subscription(.get, "/deliveries"),
        subscription(.post, "/replay", "401 | 403 403 202 404 | 403 403 403 403 403 202 | 403 403 403 403 403 403",
                     body: #"{"from": "2026-01-01T00:00:00Z", "to": "2026-01-02T00:00:00Z"}"#),
        subscription(.post, "/enable", body: "{}"),
        // Each caller expected to succeed deletes a subscription of the partner's of its own.
        MatrixRow(.delete, "/api/v1/subscriptions/{id}", "the partner's",
                  "401 | 403 403 204 404 | 403 403 403 403 403 204 | 403 403 403 403 403 403", mutates: true) { f, caller in
            MatrixRequest(path: "/api/v1/subscriptions/\(f[\.spareSubscriptions][caller] ?? f[\.subscription])")
        },
        MatrixRow(.post, "/api/v1/portal/dossiers", "empty body",
                  "401 | 403 403 400 400 | 403 403 403 403 403 403 | 403 403 403 403 403 403") { _, _ in
            .json("/api/v1/portal/dossiers", "{}")
        },
        // The payment platform's callback is authenticated by its signature, not by a user.
        MatrixRow(.post, "/api/v1/payments/callback", "unsigned", "all 401") { f, _ in
            .json("/api/v1/payments/callback", #"{"orderId": "\#(f.dossier)", "status": "paid"}"#)
        },
    ]

    // MARK: Identity: sign-in, the directory

    static let directoryRows: [MatrixRow] = [
        MatrixRow(.post, "/api/v1/auth/token", "no credentials", "all 400") { _, _ in .json("/api/v1/auth/token", "{}") },
        MatrixRow(.post, "/api/v1/auth/refresh", "no token", "all 400") { _, _ in .json("/api/v1/auth/refresh", "{}") },
        MatrixRow(.post, "/api/v1/auth/logout", "no token", "all 400") { _, _ in .json("/api/v1/auth/logout", "{}") },
        // Accounts: anonymous operations, the same answer for everyone (docs/identity.md, "Accounts").
        MatrixRow(.post, "/api/v1/accounts", "no fields", "all 400") { _, _ in .json("/api/v1/accounts", "{}") },
        MatrixRow(.post, "/api/v1/accounts/verify", "unknown token", "all 404") { _, _ in
            .json("/api/v1/accounts/verify", #"{"token": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}"#)
        },
        MatrixRow(.post, "/api/v1/accounts/password-reset", "no account for the address", "all 202") { _, _ in
            .json("/api/v1/accounts/password-reset", #"{"email": "nobody-matrix@example.vn"}"#)
        },
        MatrixRow(.post, "/api/v1/accounts/password-reset/confirm", "unknown token", "all 404") { _, _ in
            .json("/api/v1/accounts/password-reset/confirm", #"{"token": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "password": "Matkhau2026moi"}"#)
        },
        MatrixRow(.get, "/api/v1/me", "", "401 | 200 200 200 200 | 200 200 200 200 200 200 | 200 200 200 200 200 200") { _, _ in
            MatrixRequest(path: "/api/v1/me")
        },
        MatrixRow(.get, "/.well-known/jwks.json", "", everyone200) { _, _ in MatrixRequest(path: "/.well-known/jwks.json") },
        MatrixRow(.get, "/api/v1/users", "", administrators, check: { _, caller, result in
            let names = ((result.json?["items"] as? [[String: Any]]) ?? []).compactMap { $0["username"] as? String }
            return caller == .adminB && names.contains("specialist") ? "lists agency A's staff" : nil
        }) { _, _ in MatrixRequest(path: "/api/v1/users?pageSize=200") },
        MatrixRow(.post, "/api/v1/users", "a specialist of agency A",
                  "401 | 403 403 403 403 | 403 403 403 403 403 201 | 403 403 403 403 403 403", mutates: true,
                  then: { f in
                      let found = try await HTTP.request(.get, f.cluster.url("/api/v1/users?q=\(f.username)"), headers: try await f.headers(.admin))
                      let id = ((found.json?["items"] as? [[String: Any]])?.first?["id"] as? String) ?? ""
                      f.set { $0.createdUser = id }
                  }) { f, _ in
            .json("/api/v1/users", #"{"username": "\#(f.username)", "displayName": "Chuyên viên thử", "kind": "staff", "password": "Matrix@2026pass", "roles": [{"role": "specialist", "orgUnit": "H30-STP-HCTP"}]}"#)
        },
        MatrixRow(.post, "/api/v1/users/{id}/disable", "agency A's new specialist",
                  "401 | 403 403 403 403 | 403 403 403 403 403 200 | 403 403 403 403 403 404", mutates: true) { f, _ in
            .json("/api/v1/users/\(f[\.createdUser])/disable", "{}")
        },
        MatrixRow(.get, "/api/v1/org-units", "", administrators) { _, _ in MatrixRequest(path: "/api/v1/org-units") },
    ]

    // MARK: Catalog: procedures, calendar, shared catalogs

    static let catalogRows: [MatrixRow] = [
        MatrixRow(.get, "/api/v1/procedures", "", everyone200) { _, _ in MatrixRequest(path: "/api/v1/procedures?q=khai%20sinh") },
        MatrixRow(.get, "/api/v1/procedures/{code}", "", everyone200) { _, _ in MatrixRequest(path: "/api/v1/procedures/\(Desk.birth)") },
        MatrixRow(.post, "/api/v1/procedures", "agency A's new procedure",
                  "401 | 403 403 403 403 | 403 403 403 403 403 201 | 403 403 403 403 403 403", mutates: true) { f, _ in
            .json("/api/v1/procedures", f[\.procedureBody])
        },
        MatrixRow(.put, "/api/v1/procedures/{code}", "its draft", provinceAdministrator, mutates: true) { f, _ in
            .json("/api/v1/procedures/\(f.procedure)", f[\.procedureBody])
        },
        MatrixRow(.get, "/api/v1/procedures/{code}/draft", "its draft", provinceAdministrator) { f, _ in
            MatrixRequest(path: "/api/v1/procedures/\(f.procedure)/draft")
        },
        MatrixRow(.post, "/api/v1/procedures/{code}/publish", "its draft",
                  "401 | 403 403 403 403 | 403 403 403 403 403 201 | 403 403 403 403 403 403", mutates: true) { f, _ in
            .json("/api/v1/procedures/\(f.procedure)/publish", "{}")
        },
        MatrixRow(.post, "/api/v1/procedures/{code}/retire", "it", provinceAdministrator, mutates: true) { f, _ in
            .json("/api/v1/procedures/\(f.procedure)/retire", "{}")
        },
        MatrixRow(.get, "/api/v1/calendar/{year}", "", everyone200) { _, _ in MatrixRequest(path: "/api/v1/calendar/2026") },
        MatrixRow(.put, "/api/v1/calendar/{year}", "2098", provinceAdministrator, mutates: true) { _, _ in
            .json("/api/v1/calendar/2098", #"{"entries": [{"date": "2098-09-02", "kind": "dayOff", "name": "Quốc khánh"}]}"#)
        },
        MatrixRow(.get, "/api/v1/catalogs/{name}", "", everyone200) { _, _ in MatrixRequest(path: "/api/v1/catalogs/ethnicities") },
        MatrixRow(.post, "/api/v1/catalogs/{name}/import", "a malformed file",
                  "401 | 403 403 403 403 | 403 403 403 403 403 400 | 403 403 403 403 403 403") { _, _ in
            MatrixRequest(path: "/api/v1/catalogs/ethnicities/import", body: Data("không phải CSV\u{0}".utf8), contentType: "text/csv")
        },
    ]

    // MARK: Operations

    static let operationsRows: [MatrixRow] = [
        MatrixRow(.get, "/health", "", everyone200) { _, _ in MatrixRequest(path: "/health") },
        MatrixRow(.get, "/ready", "", everyone200) { _, _ in MatrixRequest(path: "/ready") },
        // Metrics: the scrape credential (ONEGATE_METRICS_TOKEN) or an administrator (docs/operations.md).
        MatrixRow(.get, "/metrics", "", administrators) { _, _ in MatrixRequest(path: "/metrics") },
        MatrixRow(.get, "/metrics/{service}", "", administrators) { _, _ in MatrixRequest(path: "/metrics/intake") },
        MatrixRow(.get, "/api/v1/openapi.json", "", everyone200) { _, _ in MatrixRequest(path: "/api/v1/openapi.json") },
    ]
}
