import Foundation
import PostgresNIO
import ServiceKit
import Testing

/// Issue 14, defect 8 (webhooks): where a subscription may point, what a delivery does with the
/// target's answer, and integration's audit of subscription changes.
extension Integration.PartnerIntegrationTests {
    /// https on port 443 to public addresses only; the test cluster's loopback exception
    /// (`ONEGATE_WEBHOOK_ALLOW_LOOPBACK=1`, profile test) admits the simulator on 127.0.0.1 and
    /// nothing private.
    func webhookTargetsAreVetted(_ desk: Desk) async throws {
        let url = desk.cluster.url("/api/v1/subscriptions")
        let headers = try await desk.headers("partner")
        // Public addresses as literals (the tests have no DNS): the exception does not apply to them.
        for (target, message) in [("https://93.184.216.34:8443/hooks", "must use port 443"),
                                  ("https://93.184.216.34:80/hooks", "must use port 443"),
                                  ("http://93.184.216.34/hooks", "must use https"),
                                  ("https://169.254.169.254/latest/meta-data/", "non-public address (169.254.169.254)"),
                                  ("http://10.0.0.1:8080/admin", "non-public address (10.0.0.1)"),
                                  ("https://192.168.1.1/", "non-public address (192.168.1.1)"),
                                  ("https://[::ffff:10.1.2.3]/", "non-public address"),
                                  ("http://127.0.0.1.nip.invalid:18090/hooks/x", "does not resolve")] {
            let refused = try await HTTP.postJSON(url, #"{"url": "\#(target)", "events": ["dossier.status-changed"]}"#, headers: headers)
            let detail = String(decoding: refused.body, as: UTF8.self)
            #expect(refused.status == 400 && refused.problemFields == ["url"], "\(target): \(detail)")
            #expect(detail.contains(message), "\(target): \(detail)")
        }
    }

    /// A receiver that redirects is not followed (the hook it points to gets nothing), and one
    /// that answers 500 with internal data leaves only "HTTP 500 Internal Server Error" in the
    /// partner's delivery log — nothing of its body.
    func deliveriesFollowNoRedirectAndCopyNoReply(_ partner: Partner, world: OutsideWorld) async throws {
        let redirecting = try await partner.subscribe("r", events: ["dossier.status-changed"], agency: Desk.justice, receiver: "redirect")
        let leaky = try await partner.subscribe("l", events: ["dossier.status-changed"], agency: Desk.justice, receiver: "leaky")
        let code = try await partner.desk.submit()
        var logged: [String: [String: Any]] = [:]
        let attempted = await eventually(timeout: .seconds(20), every: .milliseconds(250)) {
            for (name, id) in [("r", redirecting), ("l", leaky)] {
                logged[name] = try? await partner.deliveries(id).first { $0["subject"] as? String == code && $0["lastStatus"] as? Int != nil }
            }
            return logged.count == 2
        }
        #expect(attempted, "both receivers were tried: \(logged)")
        #expect(world.read { $0.hostileHits["redirect/r"] ?? 0 } >= 1 && world.read { $0.hostileHits["leaky/l"] ?? 0 } >= 1)
        #expect(logged["r"]?["lastStatus"] as? Int == 307)
        #expect(logged["r"]?["lastError"] as? String == "HTTP 307 Temporary Redirect (redirects are not followed)", "\(logged)")
        #expect(world.deliveries(to: "r").isEmpty, "the redirect's target never receives the delivery")
        #expect(logged["l"]?["lastStatus"] as? Int == 500)
        #expect(logged["l"]?["lastError"] as? String == "HTTP 500 Internal Server Error", "\(logged)")
        let page = try await partner.desk.get("/api/v1/subscriptions/\(leaky)/deliveries?pageSize=200", as: "partner")
        #expect(!String(decoding: page.body, as: UTF8.self).contains("hunter2"), "the target's reply stays out of the log")
        for id in [redirecting, leaky] {
            #expect(try await HTTP.request(.delete, partner.desk.cluster.url("/api/v1/subscriptions/\(id)"),
                                           headers: try await partner.desk.headers("partner")).status == 204)
        }
    }

    /// Creating, deleting, enabling again and the automatic disabling are recorded in
    /// integration's own keyed, append-only trail: who, when, what changed; never the secret.
    func subscriptionChangesAreAudited(_ partner: Partner, disabled: String) async throws {
        let desk = partner.desk
        let partnerID = try #require(try await desk.get("/api/v1/me", as: "partner").json?["id"] as? String)
        let created = try await partner.subscribe("audited", events: ["dossier.result-issued"])
        #expect(try await HTTP.request(.delete, desk.cluster.url("/api/v1/subscriptions/\(created)"),
                                       headers: try await desk.headers("partner")).status == 204)
        let enabled = try await HTTP.request(.post, desk.cluster.url("/api/v1/subscriptions/\(disabled)/enable"),
                                             headers: try await desk.headers("partner"))
        #expect(enabled.status == 200 && enabled.json?["status"] as? String == "active")
        let entries = try await withPostgres(role: "integration") { client in
            var rows: [(String, String, String, String)] = []
            for try await row in try await client.query("""
                SELECT actor, action, subject, detail FROM integration.audit_log
                WHERE subject IN (\(created.lowercased()), \(disabled.lowercased())) ORDER BY seq
                """, logger: testLogger).decode((String, String, String, String).self) { rows.append(row) }
            return rows
        }
        let mine = entries.filter { $0.2 == created.lowercased() }
        #expect(mine.map(\.1) == ["subscription.created", "subscription.deleted"], "\(entries)")
        #expect(mine.allSatisfy { $0.0 == partnerID }, "the partner is recorded as the actor")
        #expect(mine.first?.3.contains("url=\(OutsideWorld.baseURL)/hooks/audited") == true)
        #expect(mine.last?.3.contains("status=active -> deleted") == true, "\(mine)")
        let other = entries.filter { $0.2 == disabled.lowercased() }.map { ($0.0, $0.1, $0.3) }
        #expect(other.contains { $0.0 == "system" && $0.1 == "subscription.disabled" && $0.2.contains("in a row failed") }, "\(other)")
        #expect(other.last.map { $0.0 == partnerID && $0.1 == "subscription.enabled" && $0.2.contains("disabled -> active") } == true)
        let secret = try #require(partner.world.read { $0.hookSecrets["audited"] })
        #expect(!entries.contains { $0.3.contains(secret) || $0.3.contains("whsec_") }, "no secret in the trail")
        try await AuditTrail(service: "integration", table: "integration.audit_log").provesItsProtections()
    }
}

/// A service's keyed audit trail, checked from outside: `<service> verify-audit` finds it intact,
/// refuses a row edited and recomputed without the key (plain SHA-256, as the chain once was),
/// and the table refuses UPDATE, DELETE and TRUNCATE.
struct AuditTrail {
    let service: String
    let table: String

    func verify(_ environment: [String: String] = [:]) throws -> (Int32, String) {
        try Shell.runStatus(TestEnvironment.repositoryRoot.appendingPathComponent(".build/debug/\(service)").path, ["verify-audit"],
                            environment: ["ONEGATE_DB_PORT": String(TestEnvironment.shared.dbPort), "ONEGATE_LOG_LEVEL": "error"]
                                .merging(environment) { $1 })
    }

    func provesItsProtections() async throws {
        let intact = try verify()
        #expect(intact.0 == 0 && intact.1.contains("intact"), "\(service): \(intact.1)")
        let otherKey = try verify(["ONEGATE_AUDIT_KEY": "not-the-key-it-was-written-with"])
        #expect(otherKey.0 == 1 && otherKey.1.contains("BROKEN at entry"), "verified under another key: \(otherKey.1)")
        try await withPostgres(role: service) { client in
            for statement in ["UPDATE \(table) SET detail = 'x'", "DELETE FROM \(table)", "TRUNCATE \(table)"] {
                #expect(await Self.refuses(client, statement), "\(statement) is refused")
            }
            let seq = try await client.integer(PostgresQuery(unsafeSQL: "SELECT max(seq)::int FROM \(table)"))
            var row: (String, String, String, String?, String, String, String)?
            for try await fields in try await client.query(PostgresQuery(unsafeSQL: """
                SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), actor, action, subject, detail, prev_hash, hash
                FROM \(table) WHERE seq = \(seq)
                """), logger: testLogger).decode((String, String, String, String?, String, String, String).self) { row = fields }
            let (at, actor, action, subject, detail, previous, original) = try #require(row)
            // The forger's recomputation: the entry's hash without the key, as the chain once was.
            let forged = detail + " (forged)"
            let fields = [previous, at, actor, action, subject ?? "", forged]
            let unkeyed = SHA256Hex.of(fields.map { "\($0.utf8.count):\($0)" }.joined(separator: "|"))
            try await rewrite(client, seq: seq, detail: forged, hash: unkeyed)
            let broken = try verify()
            #expect(broken.0 == 1 && broken.1.contains("BROKEN at entry \(seq)"), "\(service): a forged row is found: \(broken.1)")
            try await rewrite(client, seq: seq, detail: detail, hash: original)
            #expect(try verify().0 == 0, "restoring the row restores the chain")
        }
    }

    /// Whether the table's triggers refuse `statement` (run in a transaction that is rolled back
    /// whatever happens, so a statement that gets through changes nothing).
    static func refuses(_ client: PostgresClient, _ statement: String) async -> Bool {
        struct GotThrough: Error {}
        do {
            try await client.withConnection { connection in
                try await connection.withTransaction(logger: testLogger) { transaction in
                    try await transaction.query(PostgresQuery(unsafeSQL: statement), logger: testLogger)
                    throw GotThrough()
                }
            }
            return false
        } catch let error as PostgresTransactionError {
            return error.closureError is PSQLError
        } catch {
            return false
        }
    }

    /// Edits the last entry behind the application's back (the owner can disable the triggers).
    private func rewrite(_ client: PostgresClient, seq: Int, detail: String, hash: String) async throws {
        let name = table.split(separator: ".").last.map(String.init) ?? table
        try await client.withConnection { connection in
            try await connection.query(PostgresQuery(unsafeSQL: "ALTER TABLE \(table) DISABLE TRIGGER \(name)_no_update"), logger: testLogger)
            try await connection.query(PostgresQuery(unsafeSQL: "UPDATE \(table) SET detail = $1, hash = $2 WHERE seq = \(seq)",
                                                     binds: try Self.binds(detail, hash)), logger: testLogger)
            try await connection.query(PostgresQuery(unsafeSQL: "ALTER TABLE \(table) ENABLE TRIGGER \(name)_no_update"), logger: testLogger)
        }
    }

    private static func binds(_ values: String...) throws -> PostgresBindings {
        var binds = PostgresBindings()
        for value in values { binds.append(value) }
        return binds
    }
}
