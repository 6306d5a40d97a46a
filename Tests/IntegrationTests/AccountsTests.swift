import Foundation
import PostgresNIO
import Testing

extension Integration {
    /// Self-registered applicant accounts through the gateway: registration, the verification
    /// mail read from the SMTP sink, sign-in only once verified, password reset revoking sessions,
    /// used and expired tokens refused, the same answers for known and unknown addresses.
    @Suite struct AccountsTests {
        static let password = "Matkhau2026an"

        func text(_ result: HTTP.Result) -> String { String(decoding: result.body, as: UTF8.self) }

        @Test func accountsThroughTheGateway() async throws {
            let smtp = SMTPSink(port: OutsideWorld.smtpPort)
            try smtp.start()
            let cluster = try await ServiceCluster.start()
            do {
                let email = "an.\(UInt32.random(in: 0...UInt32.max))@example.vn"
                try await invalidRegistrationNamesEachField(cluster)
                let token = try await registerAndReadTheMail(cluster, smtp: smtp, email: email)
                try await unverifiedCannotSignIn(cluster, email: email)
                try await verifyOnceThenSignIn(cluster, token: token, email: email)
                try await registeringAgainSendsANoticeInstead(cluster, smtp: smtp, email: email)
                try await resetRevokesSessionsAndIsSingleUse(cluster, smtp: smtp, email: email)
                try await expiredTokensAreRefused(cluster, smtp: smtp, email: email)
                try await auditRecordsTheSteps(email: email)
            } catch {
                Issue.record(error)
            }
            _ = await cluster.stop()
            smtp.stop()
        }

        func registration(email: String, password: String = AccountsTests.password) -> String {
            #"{"fullName": "Trần Thị An", "applicantKind": "citizen", "idNumber": "001190012345", "phone": "0912345678", "#
                + #""email": "\#(email)", "password": "\#(password)"}"#
        }

        func login(_ cluster: ServiceCluster, _ username: String, _ password: String) async throws -> HTTP.Result {
            try await HTTP.postJSON(cluster.url("/api/v1/auth/token"), #"{"username": "\#(username)", "password": "\#(password)"}"#)
        }

        /// The token in the newest mail to `email` whose link goes to `page`.
        func token(in smtp: SMTPSink, to email: String, page: String, after count: Int = 0) async throws -> String {
            let arrived = await eventually {
                smtp.messages.filter { $0.recipients.contains(email) && $0.text.contains(page) }.count > count
            }
            #expect(arrived, "a mail linking \(page) reaches the sink")
            let message = try #require(smtp.messages.last { $0.recipients.contains(email) && $0.text.contains(page) })
            let link = try #require(message.text.components(separatedBy: .whitespacesAndNewlines).first { $0.contains(page + "?token=") })
            return try #require(link.components(separatedBy: "token=").last)
        }

        func invalidRegistrationNamesEachField(_ cluster: ServiceCluster) async throws {
            let invalid = try await HTTP.postJSON(cluster.url("/api/v1/accounts"), #"""
                {"fullName": "", "applicantKind": "citizen", "idNumber": "123", "phone": "12", "email": "not-an-address",
                 "password": "short", "extra": 1}
                """#)
            #expect(invalid.status == 400)
            let fields = Set((invalid.json?["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String })
            #expect(fields == ["fullName", "idNumber", "phone", "email", "password", "extra"], "\(fields)")
            let business = try await HTTP.postJSON(cluster.url("/api/v1/accounts"), #"""
                {"fullName": "Công ty An Bình", "applicantKind": "organisation", "idNumber": "001190012345", "phone": "0912345678",
                 "email": "ketoan@anbinh.vn", "password": "Matkhau2026an"}
                """#)
            #expect(business.status == 400, "a business registers with its tax code, not a personal number")
            #expect((business.json?["errors"] as? [[String: Any]])?.first?["field"] as? String == "idNumber")
        }

        func registerAndReadTheMail(_ cluster: ServiceCluster, smtp: SMTPSink, email: String) async throws -> String {
            let registered = try await HTTP.postJSON(cluster.url("/api/v1/accounts"), registration(email: email))
            #expect(registered.status == 202, "\(text(registered))")
            #expect(registered.headers["cache-control"] == "no-store")
            let token = try await token(in: smtp, to: email, page: "/register/verify")
            #expect(token.count >= 40)
            return token
        }

        func unverifiedCannotSignIn(_ cluster: ServiceCluster, email: String) async throws {
            let refused = try await login(cluster, email, Self.password)
            #expect(refused.status == 403, "\(text(refused))")
            #expect(refused.json?["title"] as? String == "E-mail address not verified")
            let wrong = try await login(cluster, email, "Wrongpass2026x")
            #expect(wrong.status == 401, "a wrong password learns nothing about verification")
        }

        func verifyOnceThenSignIn(_ cluster: ServiceCluster, token: String, email: String) async throws {
            let verified = try await HTTP.postJSON(cluster.url("/api/v1/accounts/verify"), #"{"token": "\#(token)"}"#)
            #expect(verified.status == 204, "\(text(verified))")
            let again = try await HTTP.postJSON(cluster.url("/api/v1/accounts/verify"), #"{"token": "\#(token)"}"#)
            #expect(again.status == 410, "a verification token works once")
            let unknown = try await HTTP.postJSON(cluster.url("/api/v1/accounts/verify"), #"{"token": "x\#(token)"}"#)
            #expect(unknown.status == 404)
            let signedIn = try await login(cluster, email, Self.password)
            #expect(signedIn.status == 200, "\(text(signedIn))")
            let access = try #require(signedIn.json?["accessToken"] as? String)
            let me = try await HTTP.request(.get, cluster.url("/api/v1/me"), headers: ["Authorization": "Bearer \(access)"])
            #expect(me.json?["kind"] as? String == "citizen")
            #expect(me.json?["username"] as? String == email)
            #expect((me.json?["roles"] as? [[String: Any]])?.first?["role"] as? String == "citizen")
        }

        func registeringAgainSendsANoticeInstead(_ cluster: ServiceCluster, smtp: SMTPSink, email: String) async throws {
            let before = smtp.messages.count
            let again = try await HTTP.postJSON(cluster.url("/api/v1/accounts"), registration(email: email.uppercased()))
            #expect(again.status == 202, "the same answer as for a new address")
            #expect(await eventually { smtp.messages.count > before })
            #expect(smtp.messages.last?.subject == "Địa chỉ thư điện tử này đã có tài khoản")
            let stillOld = try await login(cluster, email, Self.password)
            #expect(stillOld.status == 200, "the existing account is untouched")
        }

        func resetRevokesSessionsAndIsSingleUse(_ cluster: ServiceCluster, smtp: SMTPSink, email: String) async throws {
            let session = try await login(cluster, email, Self.password)
            let refresh = try #require(session.json?["refreshToken"] as? String)
            let unknown = try await HTTP.postJSON(cluster.url("/api/v1/accounts/password-reset"), #"{"email": "nobody.\#(email)"}"#)
            let known = try await HTTP.postJSON(cluster.url("/api/v1/accounts/password-reset"), #"{"email": "\#(email)"}"#)
            #expect(unknown.status == 202 && known.status == 202)
            #expect(text(unknown) == text(known), "known and unknown addresses get the same answer")
            let token = try await token(in: smtp, to: email, page: "/password-reset/confirm")
            let weak = try await HTTP.postJSON(cluster.url("/api/v1/accounts/password-reset/confirm"),
                                               #"{"token": "\#(token)", "password": "onlyletters"}"#)
            #expect(weak.status == 400, "the password policy applies")
            let newPassword = "Matkhau2027moi"
            let confirmed = try await HTTP.postJSON(cluster.url("/api/v1/accounts/password-reset/confirm"),
                                                    #"{"token": "\#(token)", "password": "\#(newPassword)"}"#)
            #expect(confirmed.status == 204, "\(text(confirmed))")
            let reused = try await HTTP.postJSON(cluster.url("/api/v1/accounts/password-reset/confirm"),
                                                 #"{"token": "\#(token)", "password": "Matkhau2028khac"}"#)
            #expect(reused.status == 404 || reused.status == 410, "a reset token works once: \(reused.status)")
            let refreshed = try await HTTP.postJSON(cluster.url("/api/v1/auth/refresh"), #"{"refreshToken": "\#(refresh)"}"#)
            #expect(refreshed.status == 401, "the reset revoked the earlier session")
            #expect(try await login(cluster, email, Self.password).status == 401)
            #expect(try await login(cluster, email, newPassword).status == 200)
        }

        func expiredTokensAreRefused(_ cluster: ServiceCluster, smtp: SMTPSink, email: String) async throws {
            let earlier = smtp.messages.filter { $0.recipients.contains(email) && $0.text.contains("/password-reset/confirm") }.count
            _ = try await HTTP.postJSON(cluster.url("/api/v1/accounts/password-reset"), #"{"email": "\#(email)"}"#)
            let token = try await token(in: smtp, to: email, page: "/password-reset/confirm", after: earlier)
            try await withPostgres(role: "identity") { client in
                try await client.query("""
                    UPDATE identity.account_tokens SET expires_at = now() - interval '1 second'
                    WHERE user_id = (SELECT id FROM identity.users WHERE email = \(email)) AND used_at IS NULL
                    """, logger: testLogger)
            }
            let expired = try await HTTP.postJSON(cluster.url("/api/v1/accounts/password-reset/confirm"),
                                                  #"{"token": "\#(token)", "password": "Matkhau2029het"}"#)
            #expect(expired.status == 404 || expired.status == 410, "an expired token is refused: \(expired.status)")
            #expect(try await login(cluster, email, "Matkhau2029het").status == 401)
            try await withPostgres(role: "identity") { client in
                let clear = try await client.integer("""
                    SELECT count(*)::int FROM identity.account_tokens WHERE token_hash = \(token)
                    """)
                #expect(clear == 0, "only hashes of tokens are stored")
            }
        }

        func auditRecordsTheSteps(email: String) async throws {
            try await withPostgres(role: "identity") { client in
                var actions: [String] = []
                for try await action in try await client.query("""
                    SELECT action FROM identity.security_audit
                    WHERE subject = (SELECT id::text FROM identity.users WHERE email = \(email)) ORDER BY seq
                    """, logger: testLogger).decode(String.self) {
                    actions.append(action)
                }
                for expected in ["account.registered", "login.failed", "account.verified", "login.succeeded",
                                 "account.registration-repeated", "account.reset-requested", "account.password-reset"] {
                    #expect(actions.contains(expected), "\(expected) in \(actions)")
                }
            }
        }
    }
}
