import Foundation
import PostgresNIO
import Testing

extension Integration {
    /// The administrators' directory changes through the gateway's JSON API and the real identity
    /// process: org units created under the caller's units, roles assigned and revoked, users
    /// disabled and enabled, each scoped, validated and audited.
    @Suite struct DirectoryAdministrationTests {
        @Test func administratorsChangeTheirDirectory() async throws {
            let cluster = try await ServiceCluster.start()
            do {
                try await unitsRolesAndStatus(cluster)
            } catch {
                Issue.record(error)
            }
            _ = await cluster.stop()
        }

        func unitsRolesAndStatus(_ cluster: ServiceCluster) async throws {
            let signIns = SignIns(cluster)
            let admin = try await signIns.headers("admin")
            let suffix = UUID().uuidString.prefix(6).uppercased()
            let code = "H30-STP-T\(suffix)"

            // An org unit under one of the administrator's units; validation names each field.
            let units = cluster.url("/api/v1/org-units")
            let bad = try await HTTP.postJSON(units, #"{"code": "x", "name": "", "kind": "province", "parentCode": "NOWHERE"}"#, headers: admin)
            #expect(bad.status == 400 && Set(bad.problemFields) == ["code", "name", "kind", "parentCode"], "\(bad.problemFields)")
            let unitBody = #"{"code": "\#(code)", "name": "Phòng Thử nghiệm", "kind": "division", "parentCode": "H30-STP"}"#
            let created = try await HTTP.postJSON(units, unitBody, headers: admin)
            #expect(created.status == 201 && created.json?["agencyCode"] as? String == "000.00.01.H30", "\(created.status)")
            let again = try await HTTP.postJSON(units, unitBody, headers: admin)
            #expect(again.status == 400 && again.problemFields == ["code"], "a code is unique")
            let otherAgency = try await signIns.headers("admin.h62")
            #expect(try await HTTP.postJSON(units, unitBody.replacingOccurrences(of: code, with: code + "X"), headers: otherAgency).status == 403,
                    "another province's administrator cannot create under H30")
            #expect(try await HTTP.postJSON(units, unitBody, headers: try await signIns.headers("officer")).status == 403)
            let listed = try await HTTP.request(.get, units, headers: admin)
            #expect(((listed.json?["items"] as? [[String: Any]]) ?? []).contains { $0["code"] as? String == code && $0["parentCode"] as? String == "H30-STP" })

            // A user in the new unit; roles assigned and revoked there.
            let username = "tn-\(suffix.lowercased())"
            let user = try await HTTP.postJSON(cluster.url("/api/v1/users"), #"{"username": "\#(username)", "displayName": "Vũ Thị Thử", "kind": "staff", "password": "Trial@2026pass", "roles": [{"role": "specialist", "orgUnit": "\#(code)"}]}"#, headers: admin)
            #expect(user.status == 201)
            let id = try #require(user.json?["id"] as? String)
            let roles = cluster.url("/api/v1/users/\(id)/roles")
            let unknown = try await HTTP.postJSON(roles, #"{"role": "wizard", "orgUnit": "NOWHERE"}"#, headers: admin)
            #expect(unknown.status == 400 && Set(unknown.problemFields) == ["role", "orgUnit"])
            #expect(try await HTTP.postJSON(roles, #"{"role": "portal-submitter", "orgUnit": "\#(code)"}"#, headers: admin).status == 400,
                    "portal-submitter is a partner's role")
            let added = try await HTTP.postJSON(roles, #"{"role": "department-head", "orgUnit": "\#(code)"}"#, headers: admin)
            #expect(added.status == 200 && ((added.json?["roles"] as? [[String: Any]]) ?? []).count == 2)
            #expect(try await HTTP.postJSON(roles, #"{"role": "department-head", "orgUnit": "\#(code)"}"#, headers: admin).status == 409, "held already")
            // The other agency's administrator sees no such user, and nothing changes.
            #expect(try await HTTP.postJSON(roles, #"{"role": "supervisor", "orgUnit": "H62"}"#, headers: otherAgency).status == 404)
            #expect(try await HTTP.postJSON(cluster.url("/api/v1/users/\(id)/disable"), "{}", headers: otherAgency).status == 404)
            #expect(try await HTTP.request(.get, cluster.url("/api/v1/users/\(id)"), headers: otherAgency).status == 404)
            let revoke = cluster.url("/api/v1/users/\(id)/roles/revoke")
            #expect(try await HTTP.postJSON(revoke, #"{"role": "department-head", "orgUnit": "\#(code)"}"#, headers: admin).status == 200)
            #expect(try await HTTP.postJSON(revoke, #"{"role": "specialist", "orgUnit": "\#(code)"}"#, headers: admin).status == 409,
                    "a user keeps one role")
            let adminID = try #require(try await HTTP.request(.get, cluster.url("/api/v1/me"), headers: admin).json?["id"] as? String)
            #expect(try await HTTP.postJSON(cluster.url("/api/v1/users/\(adminID)/roles/revoke"), #"{"role": "administrator", "orgUnit": "H30"}"#,
                                            headers: admin).status == 409, "an administrator does not revoke their own (here only) role")

            // Searching: by unit subtree, role and status.
            let one = try await HTTP.request(.get, cluster.url("/api/v1/users/\(id)"), headers: admin)
            #expect(one.status == 200 && one.json?["locked"] as? Bool == false && one.json?["disabled"] as? Bool == false)
            func total(_ query: String) async throws -> Int? {
                try await HTTP.request(.get, cluster.url("/api/v1/users?q=\(username)&\(query)"), headers: admin).json?["total"] as? Int
            }
            #expect(try await total("orgUnit=H30-STP&role=specialist&status=active") == 1, "found under its agency, by role and status")
            let (outside, head, disabled) = (try await total("orgUnit=H30-PVHCC"), try await total("role=department-head"), try await total("status=disabled"))
            #expect(outside == 0 && head == 0 && disabled == 0)
            #expect(try await HTTP.request(.get, cluster.url("/api/v1/users?status=gone"), headers: admin).status == 400)

            // Disabled, refused at sign-in; enabled again, signs in.
            let login = #"{"username": "\#(username)", "password": "Trial@2026pass"}"#
            #expect(try await HTTP.postJSON(cluster.url("/api/v1/auth/token"), login).status == 200)
            #expect(try await HTTP.postJSON(cluster.url("/api/v1/users/\(id)/disable"), "{}", headers: admin).status == 200)
            #expect(try await HTTP.postJSON(cluster.url("/api/v1/auth/token"), login).status == 401)
            #expect(try await HTTP.postJSON(cluster.url("/api/v1/users/\(id)/enable"), "{}", headers: otherAgency).status == 404)
            let enabled = try await HTTP.postJSON(cluster.url("/api/v1/users/\(id)/enable"), "{}", headers: admin)
            #expect(enabled.status == 200 && enabled.json?["disabled"] as? Bool == false)
            #expect(try await HTTP.postJSON(cluster.url("/api/v1/users/\(id)/enable"), "{}", headers: admin).status == 409, "not disabled")
            #expect(try await HTTP.postJSON(cluster.url("/api/v1/auth/token"), login).status == 200)

            // Each change is in identity's audit chain, the actor the administrator.
            try await withPostgres(role: "identity") { client in
                var actions: [String] = []
                for try await (action, actor) in try await client.query("""
                    SELECT action, actor FROM identity.security_audit WHERE (subject = \(id) OR subject = \(code)) AND (action LIKE 'user.%' OR action LIKE 'org-unit.%') ORDER BY seq
                    """, logger: testLogger).decode((String, String).self) {
                    #expect(actor == adminID)
                    actions.append(action)
                }
                #expect(actions == ["org-unit.created", "user.created", "user.role-added", "user.role-revoked", "user.disabled", "user.enabled"],
                        "\(actions)")
            }
        }
    }
}
