import Foundation
import PostgresNIO
import Testing

extension Integration {
    /// Login, tokens, lockout, sessions and the security audit, through the gateway.
    @Suite struct IdentityTests {
        static let password = SignIns.demoPassword
        static let roles = ["admin": "administrator", "officer": "one-stop-officer", "specialist": "specialist",
                            "head": "department-head", "leader": "agency-leader", "supervisor": "supervisor",
                            "citizen": "citizen", "partner": "partner"]
        /// Roles a demo user holds besides its main one (the demo partner submits portal dossiers for H30).
        static let furtherRoles = ["partner": ["portal-submitter"]]

        func login(_ cluster: ServiceCluster, _ username: String, _ password: String = IdentityTests.password) async throws -> HTTP.Result {
            try await HTTP.postJSON(cluster.url("/api/v1/auth/token"), #"{"username": "\#(username)", "password": "\#(password)"}"#)
        }

        func me(_ cluster: ServiceCluster, token: String) async throws -> HTTP.Result {
            try await HTTP.request(.get, cluster.url("/api/v1/me"), headers: ["Authorization": "Bearer \(token)"])
        }

        @Test func identityThroughTheGateway() async throws {
            let cluster = try await ServiceCluster.start(overrides: ServiceCluster.shortAccessTokens)
            do {
                try await everyDemoRoleLogsIn(cluster)
                try await wrongAndUnknownLookAlike(cluster)
                try await lockoutAfterRepeatedFailures(cluster)
                try await refreshTokensRotateAndReuseRevokes(cluster)
                try await logoutEndsTheSession(cluster)
                try await tamperedAndExpiredTokensAreRefused(cluster)
                try await administratorsManageUsersInTheirScope(cluster)
                try await authorisationMatrix(cluster)
                try await keyRotationKeepsEarlierTokensValid(cluster)
                try await partnersUseClientCredentials(cluster)
                try await auditChainDetectsAnEditedRow()
            } catch {
                Issue.record(error)
            }
            _ = await cluster.stop()
        }

        func everyDemoRoleLogsIn(_ cluster: ServiceCluster) async throws {
            let jwks = try await HTTP.request(.get, cluster.url("/.well-known/jwks.json"))
            #expect(jwks.status == 200)
            let kids = ((jwks.json?["keys"] as? [[String: Any]]) ?? []).compactMap { $0["kid"] as? String }
            #expect(!kids.isEmpty)
            for (username, role) in Self.roles.sorted(by: { $0.key < $1.key }) {
                let granted = try await login(cluster, username)
                #expect(granted.status == 200, "\(username)")
                #expect(granted.json?["tokenType"] as? String == "Bearer")
                #expect(granted.headers["cache-control"] == "no-store")
                let token = try #require(granted.json?["accessToken"] as? String)
                let header = try #require(Data(base64URL: String(token.split(separator: ".")[0])))
                let kid = (try JSONSerialization.jsonObject(with: header) as? [String: Any])?["kid"] as? String
                #expect(kid.map(kids.contains) == true, "signed with a published key")
                let shown = try await me(cluster, token: token)
                #expect(shown.status == 200)
                #expect(shown.json?["username"] as? String == username)
                let roles = (shown.json?["roles"] as? [[String: Any]] ?? []).compactMap { $0["role"] as? String }
                #expect(Set(roles) == Set([role] + Self.furtherRoles[username, default: []]), "\(username): \(roles)")
            }
            let anonymous = try await HTTP.request(.get, cluster.url("/api/v1/me"))
            #expect(anonymous.status == 401)
        }

        func wrongAndUnknownLookAlike(_ cluster: ServiceCluster) async throws {
            var known: [Double] = []
            var unknown: [Double] = []
            for (index, user) in ["head", "leader", "supervisor", "partner", "head", "leader", "supervisor", "partner"].enumerated() {
                let started = ContinuousClock.now
                let wrong = try await login(cluster, user, "Wrong@\(index)password")
                known.append((ContinuousClock.now - started).seconds)
                let startedUnknown = ContinuousClock.now
                let nobody = try await login(cluster, "nobody-\(UUID().uuidString.prefix(8).lowercased())", "Wrong@\(index)password")
                unknown.append((ContinuousClock.now - startedUnknown).seconds)
                #expect(wrong.status == 401 && nobody.status == 401)
                #expect(wrong.body == nobody.body, "the answer does not tell whether the user exists")
            }
            for user in ["head", "leader", "supervisor", "partner"] { _ = try await login(cluster, user) }  // clear the counters
            // Both paths run one Argon2id verification; their medians must be of the same size.
            let ratio = known.sorted()[known.count / 2] / unknown.sorted()[unknown.count / 2]
            #expect(ratio > 0.5 && ratio < 2, "median known/unknown = \(ratio)")
        }

        func lockoutAfterRepeatedFailures(_ cluster: ServiceCluster) async throws {
            var statuses: [Int] = []
            for attempt in 1...5 { statuses.append(try await login(cluster, "specialist", "Wrong@\(attempt)password").status) }
            #expect(statuses == [401, 401, 401, 401, 423])
            let whileLocked = try await login(cluster, "specialist")
            #expect(whileLocked.status == 423, "even the right password waits for the lock to end")
            #expect(Int(whileLocked.headers["retry-after"] ?? "") ?? 0 >= 1)
            try await Task.sleep(for: .seconds(ServiceCluster.lockoutSeconds + 0.5))
            #expect(try await login(cluster, "specialist").status == 200)
        }

        func refreshTokensRotateAndReuseRevokes(_ cluster: ServiceCluster) async throws {
            let first = try await login(cluster, "officer")
            let refresh = try #require(first.json?["refreshToken"] as? String)
            let url = cluster.url("/api/v1/auth/refresh")
            let rotated = try await HTTP.postJSON(url, #"{"refreshToken": "\#(refresh)"}"#)
            #expect(rotated.status == 200)
            let next = try #require(rotated.json?["refreshToken"] as? String)
            #expect(next != refresh)
            #expect(try await HTTP.postJSON(url, #"{"refreshToken": "\#(refresh)"}"#).status == 401, "a used token is refused")
            #expect(try await HTTP.postJSON(url, #"{"refreshToken": "\#(next)"}"#).status == 401, "reuse revoked the whole session")
            let access = try #require(rotated.json?["accessToken"] as? String)
            #expect(try await me(cluster, token: access).status == 401, "access tokens of a revoked session stop working")
        }

        func logoutEndsTheSession(_ cluster: ServiceCluster) async throws {
            let granted = try await login(cluster, "citizen")
            let access = try #require(granted.json?["accessToken"] as? String)
            let refresh = try #require(granted.json?["refreshToken"] as? String)
            #expect(try await me(cluster, token: access).status == 200)
            let out = try await HTTP.postJSON(cluster.url("/api/v1/auth/logout"), #"{"refreshToken": "\#(refresh)"}"#)
            #expect(out.status == 204)
            #expect(try await me(cluster, token: access).status == 401)
            #expect(try await HTTP.postJSON(cluster.url("/api/v1/auth/refresh"), #"{"refreshToken": "\#(refresh)"}"#).status == 401)
        }

        func tamperedAndExpiredTokensAreRefused(_ cluster: ServiceCluster) async throws {
            let granted = try await login(cluster, "leader")
            let token = try #require(granted.json?["accessToken"] as? String)
            var parts = token.split(separator: ".").map(String.init)
            var claims = try #require(Data(base64URL: parts[1]).flatMap { try JSONSerialization.jsonObject(with: $0) as? [String: Any] })
            claims["roles"] = ["administrator@H30"]
            parts[1] = try JSONSerialization.data(withJSONObject: claims).base64URLEncodedString()
            #expect(try await me(cluster, token: parts.joined(separator: ".")).status == 401, "a forged claim breaks the signature")
            #expect(try await me(cluster, token: "not.a.jwt").status == 401)
            #expect(try await me(cluster, token: token).status == 200)
            try await Task.sleep(for: .seconds(cluster.accessTokenSeconds + 1.2))
            #expect(try await me(cluster, token: token).status == 401, "an expired token is refused")
            let badBody = try await HTTP.postJSON(cluster.url("/api/v1/auth/token"), #"{"username": "leader", "pass": "x"}"#)
            #expect(badBody.status == 400 && Set(badBody.problemFields) == ["pass", "password"])
        }

        func token(_ cluster: ServiceCluster, _ username: String, _ password: String = IdentityTests.password) async throws -> String {
            let granted = try await login(cluster, username, password)
            return try #require(granted.json?["accessToken"] as? String, "\(username) logs in")
        }

        func administratorsManageUsersInTheirScope(_ cluster: ServiceCluster) async throws {
            let signIns = SignIns(cluster)
            let url = cluster.url("/api/v1/users")
            let username = "clerk-\(UUID().uuidString.prefix(6).lowercased())"
            let body = #"{"username": "\#(username)", "displayName": "Đỗ Văn Mới", "kind": "staff", "password": "Clerk@2026pass", "roles": [{"role": "specialist", "orgUnit": "H30-STP-HCTP"}]}"#

            #expect(try await HTTP.postJSON(url, body).status == 401, "anonymous")
            #expect(try await HTTP.postJSON(url, body, headers: try await signIns.headers("officer")).status == 403, "not an administrator")
            let weak = try await HTTP.postJSON(url, #"{"username": "X", "displayName": "", "kind": "robot", "password": "short", "roles": [{"role": "system", "orgUnit": "H30"}], "extra": 1}"#, headers: try await signIns.headers("admin"))
            #expect(weak.status == 400)
            #expect(Set(weak.problemFields).isSuperset(of: ["username", "displayName", "kind", "password", "roles[0].role", "extra"]))
            let unknownUnit = try await HTTP.postJSON(url, body.replacingOccurrences(of: "H30-STP-HCTP", with: "NOWHERE"), headers: try await signIns.headers("admin"))
            #expect(unknownUnit.status == 400 && unknownUnit.problemFields == ["roles[0].orgUnit"])

            let created = try await HTTP.postJSON(url, body, headers: try await signIns.headers("admin"))
            #expect(created.status == 201)
            let id = try #require(created.json?["id"] as? String)
            #expect(created.json?["passwordHash"] == nil)
            #expect(try await HTTP.postJSON(url, body, headers: try await signIns.headers("admin")).status == 409, "usernames are unique")

            let listed = try await HTTP.request(.get, cluster.url("/api/v1/users?q=\(username)&pageSize=10"), headers: try await signIns.headers("admin"))
            #expect(listed.status == 200 && listed.json?["total"] as? Int == 1)
            #expect(try await HTTP.request(.get, cluster.url("/api/v1/users?pageSize=0"), headers: try await signIns.headers("admin")).status == 400)
            #expect(try await HTTP.request(.get, url, headers: try await signIns.headers("officer")).status == 403)
            let units = try await HTTP.request(.get, cluster.url("/api/v1/org-units"), headers: try await signIns.headers("admin"))
            let unitCodes = ((units.json?["items"] as? [[String: Any]]) ?? []).compactMap { $0["code"] as? String }
            #expect(unitCodes.contains("H30-STP-HCTP"))

            let clerkToken = try await token(cluster, username, "Clerk@2026pass")
            #expect(try await me(cluster, token: clerkToken).status == 200)
            let disabled = try await HTTP.postJSON(cluster.url("/api/v1/users/\(id)/disable"), "{}", headers: try await signIns.headers("admin"))
            #expect(disabled.status == 200 && disabled.json?["disabled"] as? Bool == true)
            #expect(try await login(cluster, username, "Clerk@2026pass").status == 401, "a disabled user cannot log in")
            #expect(try await me(cluster, token: clerkToken).status == 401, "nor use a token issued before")
        }

        /// Every demo role (plus anonymous and an administrator scoped to one agency) against every
        /// identity endpoint, inside and outside the caller's org units, and the catalog's writes.
        func authorisationMatrix(_ cluster: ServiceCluster) async throws {
            let admin = ["Authorization": "Bearer \(try await token(cluster, "admin"))"]
            let suffix = UUID().uuidString.prefix(6).lowercased()
            let scopedName = "stp-admin-\(suffix)"
            let scoped = try await HTTP.postJSON(cluster.url("/api/v1/users"), #"{"username": "\#(scopedName)", "displayName": "Quản trị Sở Tư pháp", "kind": "staff", "password": "Scoped@2026pass", "roles": [{"role": "administrator", "orgUnit": "H30-STP"}]}"#, headers: admin)
            #expect(scoped.status == 201)

            // Tokens live a few seconds in tests: each caller signs in when its turn comes.
            let signIns = SignIns(cluster)
            func signIn(_ caller: String) async throws -> [String: String] {
                switch caller {
                case "anonymous": [:]
                case "stp-admin": try await signIns.headers(scopedName, password: "Scoped@2026pass")
                default: try await signIns.headers(caller)
                }
            }
            let callers = ["anonymous", "stp-admin"] + Self.roles.keys

            func newUser(in unit: String) -> String {
                #"{"username": "u\#(UUID().uuidString.prefix(8).lowercased())", "displayName": "Người dùng thử", "kind": "staff", "password": "Matrix@2026pass", "roles": [{"role": "specialist", "orgUnit": "\#(unit)"}]}"#
            }
            // (endpoint, expected status per caller); "inside"/"outside" are relative to the STP administrator.
            let staffOrCitizen = ["officer", "specialist", "head", "leader", "supervisor", "citizen", "partner"]
            for caller in callers.sorted() {
                let headers = try await signIn(caller)
                let expectedAdmin = caller == "anonymous" ? 401 : (caller == "admin" || caller == "stp-admin") ? 200 : 403
                let list = try await HTTP.request(.get, cluster.url("/api/v1/users"), headers: headers)
                #expect(list.status == expectedAdmin, "GET /users as \(caller)")
                let units = try await HTTP.request(.get, cluster.url("/api/v1/org-units"), headers: headers)
                #expect(units.status == expectedAdmin, "GET /org-units as \(caller)")
                let inside = try await HTTP.postJSON(cluster.url("/api/v1/users"), newUser(in: "H30-STP-HCTP"), headers: headers)
                #expect(inside.status == (expectedAdmin == 200 ? 201 : expectedAdmin), "create inside STP as \(caller)")
                let outside = try await HTTP.postJSON(cluster.url("/api/v1/users"), newUser(in: "H30-PVHCC"), headers: headers)
                let expectedOutside = caller == "admin" ? 201 : caller == "stp-admin" ? 403 : expectedAdmin
                #expect(outside.status == expectedOutside, "create outside STP as \(caller)")
                let me = try await HTTP.request(.get, cluster.url("/api/v1/me"), headers: headers)
                #expect(me.status == (caller == "anonymous" ? 401 : 200), "GET /me as \(caller)")
                // Catalog writes: administrators pass the check and meet validation (400); others 403/401.
                let expectedWrite = caller == "anonymous" ? 401 : (caller == "admin" || caller == "stp-admin") ? 400 : 403
                let json = headers.merging(["Content-Type": "application/json"]) { $1 }
                let procedure = try await HTTP.request(.post, cluster.url("/api/v1/procedures"), body: Data("{}".utf8), headers: json)
                #expect(procedure.status == expectedWrite, "POST /procedures as \(caller)")
                // Calendars and shared catalogs are province-wide: the agency's administrator may not edit them.
                let expectedProvinceWrite = caller == "stp-admin" ? 403 : expectedWrite
                let calendar = try await HTTP.request(.put, cluster.url("/api/v1/calendar/2099"), body: Data(#"{"entries": 5}"#.utf8), headers: json)
                #expect(calendar.status == expectedProvinceWrite, "PUT /calendar as \(caller)")
                let csv = headers.merging(["Content-Type": "text/csv"]) { $1 }
                let imported = try await HTTP.request(.post, cluster.url("/api/v1/catalogs/ethnicities/import"), body: Data("code,name\n".utf8), headers: csv)
                #expect(imported.status == expectedProvinceWrite, "POST /catalogs/ethnicities/import as \(caller)")
                #expect(try await HTTP.request(.get, cluster.url("/api/v1/procedures?q=ho%20tich")).status == 200, "search is public")
                if staffOrCitizen.contains(caller) { #expect(list.contentType == "application/problem+json") }
            }
            // The scoped administrator sees only users of its units, and cannot disable users outside them.
            let stp = try await signIn("stp-admin")
            let seen = try await HTTP.request(.get, cluster.url("/api/v1/users?pageSize=200"), headers: stp)
            let names = ((seen.json?["items"] as? [[String: Any]]) ?? []).compactMap { $0["username"] as? String }
            #expect(names.contains("specialist") && !names.contains("officer"))
            let officerID = try #require(try await HTTP.request(.get, cluster.url("/api/v1/me"), headers: try await signIn("officer")).json?["id"] as? String)
            #expect(try await HTTP.postJSON(cluster.url("/api/v1/users/\(officerID)/disable"), "{}", headers: stp).status == 404)
        }

        func kid(of token: String) -> String? {
            Data(base64URL: String(token.split(separator: ".")[0]))
                .flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }?["kid"] as? String
        }

        func keyRotationKeepsEarlierTokensValid(_ cluster: ServiceCluster) async throws {
            let before = try await token(cluster, "supervisor")
            let identity = TestEnvironment.repositoryRoot.appendingPathComponent(".build/debug/identity").path
            let rotated = try Shell.runStatus(identity, ["rotate-keys", "--retire-older-than", "3600"],
                                              environment: ["ONEGATE_DB_PORT": String(TestEnvironment.shared.dbPort)])
            #expect(rotated.0 == 0, "\(rotated.1)")
            try await Task.sleep(for: .seconds(1.5))  // identity re-reads its keys every second in tests
            let after = try await token(cluster, "supervisor")
            #expect(kid(of: before) != nil && kid(of: before) != kid(of: after), "new tokens use the new key")
            #expect(try await me(cluster, token: after).status == 200, "the gateway fetches the new key")
            #expect(try await me(cluster, token: before).status == 200, "tokens signed before the rotation still verify")
            let jwks = try await HTTP.request(.get, cluster.url("/.well-known/jwks.json"))
            let kids = ((jwks.json?["keys"] as? [[String: Any]]) ?? []).compactMap { $0["kid"] as? String }
            #expect(kids.contains(kid(of: before) ?? "-") && kids.contains(kid(of: after) ?? "-"),
                    "the key that signed until the rotation stays published however old it is")

            // Retiring every key that no longer signs leaves the newest one only.
            let retired = try Shell.runStatus(identity, ["rotate-keys", "--retire-older-than", "0"],
                                              environment: ["ONEGATE_DB_PORT": String(TestEnvironment.shared.dbPort)])
            #expect(retired.0 == 0, "\(retired.1)")
            try await Task.sleep(for: .seconds(1.5))
            let remaining = try await HTTP.request(.get, cluster.url("/.well-known/jwks.json"))
            let left = ((remaining.json?["keys"] as? [[String: Any]]) ?? []).compactMap { $0["kid"] as? String }
            #expect(left.count == 1 && !left.contains(kid(of: before) ?? "-") && !left.contains(kid(of: after) ?? "-"), "\(left)")
            #expect(try await me(cluster, token: try await token(cluster, "supervisor")).status == 200)
        }

        func partnersUseClientCredentials(_ cluster: ServiceCluster) async throws {
            let url = cluster.url("/api/v1/auth/token")
            let partner = try await HTTP.postJSON(url, #"{"clientId": "partner", "clientSecret": "\#(Self.password)"}"#)
            #expect(partner.status == 200)
            let token = try #require(partner.json?["accessToken"] as? String)
            #expect(try await me(cluster, token: token).json?["kind"] as? String == "partner")
            let staff = try await HTTP.postJSON(url, #"{"clientId": "officer", "clientSecret": "\#(Self.password)"}"#)
            #expect(staff.status == 401, "only partner accounts use client credentials")
            let mixed = try await HTTP.postJSON(url, #"{"clientId": "partner", "password": "x"}"#)
            #expect(mixed.status == 400 && Set(mixed.problemFields) == ["clientSecret", "password"])
        }

        func auditChainDetectsAnEditedRow() async throws {
            let verify = { @Sendable () throws -> (Int32, String) in
                try Shell.runStatus(TestEnvironment.repositoryRoot.appendingPathComponent(".build/debug/identity").path, ["verify-audit"],
                                    environment: ["ONEGATE_DB_PORT": String(TestEnvironment.shared.dbPort), "ONEGATE_LOG_LEVEL": "error"])
            }
            let intact = try verify()
            #expect(intact.0 == 0 && intact.1.contains("intact"), "\(intact.1)")
            try await withPostgres(role: "identity") { client in
                let seq = try await client.integer("SELECT max(seq)::int FROM identity.security_audit")
                var original = ""
                for try await detail in try await client.query("SELECT detail FROM identity.security_audit WHERE seq = \(seq)",
                                                               logger: testLogger).decode(String.self) { original = detail }
                try await tamper(client, seq: seq, detail: original + " (edited)")
                let broken = try verify()
                #expect(broken.0 == 1 && broken.1.contains("BROKEN at entry \(seq)"), "\(broken.1)")
                try await tamper(client, seq: seq, detail: original)
                #expect(try verify().0 == 0, "restoring the row restores the chain")
            }
            // Keyed (HMAC under ONEGATE_AUDIT_KEY): a row recomputed without the key is found, and
            // the table refuses TRUNCATE as it refuses UPDATE and DELETE.
            try await AuditTrail(service: "identity", table: "identity.security_audit").provesItsProtections()
            try await auditKeyIsRequiredOutsideDevAndTest()
        }

        /// Like every credential, the audit key has no default outside dev/test: identity refuses
        /// to start (here its verify-audit command, which reads the key first) naming it.
        func auditKeyIsRequiredOutsideDevAndTest() async throws {
            let (status, message) = try await ServiceLaunch.untilExit("identity", arguments: ["verify-audit"], environment: [
                "ONEGATE_PROFILE": "production", "ONEGATE_AUDIT_KEY": nil, "ONEGATE_DB_PASSWORD": "onegate-identity",
            ])
            #expect(status == 78, "\(message)")
            #expect(message.contains("ONEGATE_AUDIT_KEY is not set") && message.contains("production"), "\(message)")
        }

        /// Edits an audit row behind the application's back (the owner can disable the trigger).
        func tamper(_ client: PostgresClient, seq: Int, detail: String) async throws {
            try await client.withConnection { connection in
                try await connection.query("ALTER TABLE identity.security_audit DISABLE TRIGGER security_audit_no_update", logger: testLogger)
                try await connection.query("UPDATE identity.security_audit SET detail = \(detail) WHERE seq = \(seq)", logger: testLogger)
                try await connection.query("ALTER TABLE identity.security_audit ENABLE TRIGGER security_audit_no_update", logger: testLogger)
            }
        }
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

extension Data {
    init?(base64URL text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        self.init(base64Encoded: base64)
    }

    func base64URLEncodedString() -> String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
