import Foundation
import PostgresNIO
import ServiceKit
import Testing

extension Integration {
    /// Issue 14, defect 8: token signing keys, agency keys and webhook secrets are stored sealed
    /// under the data key, never in the clear; values written before sealing are sealed at the
    /// next start and keep working (same token key, same agency certificate, same webhook secret).
    @Suite struct SecretsAtRestTests {
        /// The test profile's data key (the development key), to read what the services stored.
        static let sealer: AtRestSealer = try! AtRestSealer(environment: ServiceEnvironment(["ONEGATE_PROFILE": "test"]))
        static let agency = Desk.justice
        static var agencyHome: URL { DocumentFixtures.root.appendingPathComponent("keys/\(agency)") }

        @Test func storedSecretsAreSealedAndStillSignAfterARestartAndAnUpgradeFromTheClear() async throws {
            let world = OutsideWorld()
            let server = try await world.start()
            let cluster = try await ServiceCluster.start(overrides: ["ONEGATE_DOCUMENTS_DIR": DocumentFixtures.root.path])
            let desk = Desk(cluster)
            let partner = Partner(desk: desk, world: world)
            do {
                // In use, then looked at where it is stored.
                let tokenBefore = try await signIn(cluster)
                let subscription = try await partner.subscribe("sealed", events: ["dossier.status-changed"], agency: Self.agency)
                let dossier = try await desk.submit()
                let deliveredBefore = await eventually(timeout: .seconds(30)) { world.deliveries(to: "sealed").contains { $0.subject == dossier && $0.verified } }
                #expect(deliveredBefore, "the subscription receives its signed deliveries")
                let signedBefore = try await digitisedCopy(of: dossier, desk)
                let certificate = try await desk.get("/api/v1/documents/\(signedBefore)/certificate", as: "officer").body
                try await expectEverythingSealed(subscription: subscription, world: world)

                // An upgrade from a version that stored them in the clear: the three services stop,
                // their secrets are put back in the clear as that version wrote them, and they start.
                for service in ["identity", "documents", "integration"] { #expect(await cluster.halt(service) == 0, "\(service) stops") }
                try await unsealEverything(subscription: subscription)
                #expect(FileManager.default.fileExists(atPath: Self.agencyHome.appendingPathComponent("key.pem").path))
                for service in ["identity", "documents", "integration"] { try cluster.launch(service, as: service) }
                #expect(await eventually(timeout: .seconds(60), every: .milliseconds(200)) {
                    (try? await HTTP.request(.get, cluster.url("/ready")).status) == 200
                }, "the set is ready again")

                try await expectEverythingSealed(subscription: subscription, world: world)
                #expect(!FileManager.default.fileExists(atPath: Self.agencyHome.appendingPathComponent("key.pem").path),
                        "the clear agency key is gone once sealed")
                // Tokens: the one signed before still passes; a new one is signed with the same key.
                #expect(try await HTTP.request(.get, cluster.url("/api/v1/me"), headers: ["Authorization": "Bearer \(tokenBefore)"]).status == 200)
                let tokenAfter = try await signIn(cluster)
                #expect(try Self.kid(of: tokenAfter) == (try Self.kid(of: tokenBefore)), "the stored key signs again, no new key was needed")
                #expect(try await HTTP.request(.get, cluster.url("/api/v1/me"), headers: ["Authorization": "Bearer \(tokenAfter)"]).status == 200)
                // Webhooks: a new change reaches the receiver signed with the secret it was given.
                try await desk.act(dossier, "receive", as: "officer")
                #expect(await eventually(timeout: .seconds(30)) {
                    world.deliveries(to: "sealed").contains { $0.subject == dossier && $0.action == "receive" && $0.verified }
                }, "delivered and verified with the partner's secret after the upgrade")
                let log = try await partner.deliveries(subscription)
                #expect(!log.isEmpty && log.allSatisfy { $0["lastStatus"] as? Int != 401 },
                        "no delivery of this subscription failed the partner's signature check: \(log)")
                // Agency key: a new signature verifies against the certificate handed out before.
                let signedAfter = try await digitisedCopy(of: dossier, desk)
                #expect(try await desk.get("/api/v1/documents/\(signedAfter)/certificate", as: "officer").body == certificate)
                for document in [signedBefore, signedAfter] {
                    #expect(try await opensslVerifies(document, certificate: certificate, desk), "\(document) verifies with openssl")
                }
            } catch {
                Issue.record(error)
            }
            let exits = await cluster.stop()
            for (service, code) in exits { #expect(code == 0, "\(service) exit \(String(describing: code))") }
            server.cancel()
        }

        @Test func aServiceGivenAnotherDataKeyRefusesToStartNamingWhatItCannotOpen() async throws {
            // Production with a data key that did not seal the stored values (the test profile's
            // development key did): identity stops at start, before serving, and changes nothing.
            let stored = try await signingKeyRows()
            try #require(!stored.isEmpty, "identity has stored keys (earlier tests ran)")
            let (status, message) = try await start("identity", environment: [
                "ONEGATE_PROFILE": "production", "ONEGATE_DB_PASSWORD": "onegate-identity", "ONEGATE_AMQP_PASSWORD": "onegate-identity",
                "ONEGATE_DATA_KEY": Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString(),
                "ONEGATE_AUDIT_KEY": Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString(),
            ])
            #expect(status == 78)
            #expect(message.contains("identity.signing_keys.private_key_pem/") && message.contains("ONEGATE_DATA_KEY_PREVIOUS"),
                    "stderr: \(message)")
            #expect(try await signingKeyRows() == stored, "nothing was re-sealed under the wrong key")
        }

        @Test func productionWithoutADataKeyRefusesToStartNamingTheVariable() async throws {
            for service in ["identity", "documents", "integration"] {
                let (status, message) = try await start(service, environment: [
                    "ONEGATE_PROFILE": "production", "ONEGATE_DB_PASSWORD": "onegate-\(service)",
                    "ONEGATE_AMQP_PASSWORD": "onegate-\(service)", "ONEGATE_PAYMENT_SECRET": "x",
                    "ONEGATE_AUDIT_KEY": Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString(),
                    "ONEGATE_DOCUMENTS_DIR": DocumentFixtures.root.path,
                ])
                #expect(status == 78, "\(service)")
                #expect(message.contains("ONEGATE_DATA_KEY is not set"), "\(service) stderr: \(message)")
            }
        }

        // MARK: - Steps

        func expectEverythingSealed(subscription: String, world: OutsideWorld) async throws {
            let keys = try await signingKeyRows()
            #expect(!keys.isEmpty)
            for (kid, stored) in keys {
                #expect(stored.hasPrefix("ogs1:") && !stored.contains("PRIVATE KEY"), "\(kid) is stored sealed")
                let pem = try Self.sealer.openString(stored, context: "identity.signing_keys.private_key_pem/\(kid)")
                #expect(pem.contains("PRIVATE KEY"))
            }
            let secret = try await storedSecret(subscription)
            let given = world.read { $0.hookSecrets["sealed"] ?? "" }
            #expect(secret.hasPrefix("ogs1:") && !secret.contains("whsec_") && !secret.contains(given.dropFirst(6)))
            #expect(try Self.sealer.openString(secret, context: "integration.subscriptions.secret/\(subscription.lowercased())") == given)
            let sealedKey = try String(contentsOf: Self.agencyHome.appendingPathComponent("key.sealed"), encoding: .utf8)
            #expect(sealedKey.hasPrefix("ogs1:") && !sealedKey.contains("PRIVATE KEY"))
            #expect(try Self.sealer.openString(sealedKey, context: "documents.keys/\(Self.agency)/key.sealed").contains("PRIVATE KEY"))
            let files = try FileManager.default.contentsOfDirectory(atPath: Self.agencyHome.path).sorted()
            #expect(files == ["cert.pem", "key.sealed"], "no clear key beside the sealed one: \(files)")
        }

        /// What a version before sealing stored: the PEMs and the `whsec_` secret themselves.
        func unsealEverything(subscription: String) async throws {
            let keys = try await signingKeyRows()
            try await withPostgres(role: "identity") { client in
                for (kid, stored) in keys {
                    let pem = try Self.sealer.openString(stored, context: "identity.signing_keys.private_key_pem/\(kid)")
                    try await client.query("UPDATE identity.signing_keys SET private_key_pem = \(pem) WHERE kid = \(kid)")
                }
            }
            let id = try #require(UUID(uuidString: subscription))
            let secret = try Self.sealer.openString(try await storedSecret(subscription),
                                                    context: "integration.subscriptions.secret/\(subscription.lowercased())")
            try await withPostgres(role: "integration") { client in
                try await client.query("UPDATE integration.subscriptions SET secret = \(secret) WHERE id = \(id)")
            }
            let sealedURL = Self.agencyHome.appendingPathComponent("key.sealed")
            let pem = try Self.sealer.openString(try String(contentsOf: sealedURL, encoding: .utf8),
                                                 context: "documents.keys/\(Self.agency)/key.sealed")
            try Data(pem.utf8).write(to: Self.agencyHome.appendingPathComponent("key.pem"))
            try FileManager.default.removeItem(at: sealedURL)
        }

        func signingKeyRows() async throws -> [String: String] {
            try await withPostgres(role: "identity") { client in
                var rows: [String: String] = [:]
                for try await (kid, stored) in try await client.query("SELECT kid, private_key_pem FROM identity.signing_keys")
                    .decode((String, String).self) { rows[kid] = stored }
                return rows
            }
        }

        func storedSecret(_ subscription: String) async throws -> String {
            let id = try #require(UUID(uuidString: subscription))
            return try await withPostgres(role: "integration") { client in
                var secret = ""
                for try await value in try await client.query("SELECT secret FROM integration.subscriptions WHERE id = \(id)")
                    .decode(String.self) { secret = value }
                return secret
            }
        }

        func signIn(_ cluster: ServiceCluster) async throws -> String {
            let login = try await HTTP.postJSON(cluster.url("/api/v1/auth/token"),
                                                #"{"username": "officer", "password": "\#(SignIns.demoPassword)"}"#)
            return try #require(login.json?["accessToken"] as? String, "sign-in: \(login.status)")
        }

        static func kid(of token: String) throws -> String {
            var header = String(try #require(token.split(separator: ".").first))
                .replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
            header += String(repeating: "=", count: (4 - header.count % 4) % 4)
            let json = try JSONSerialization.jsonObject(with: try #require(Data(base64Encoded: header))) as? [String: Any]
            return try #require(json?["kid"] as? String)
        }

        /// A digitised copy of a component, which documents signs with the dossier agency's key; its id.
        func digitisedCopy(of dossier: String, _ desk: Desk) async throws -> String {
            var headers = try await desk.headers("officer")
            headers["Content-Type"] = "application/pdf"
            headers["X-Filename"] = "scan.pdf"
            let result = try await HTTP.request(.post, desk.cluster.url("/api/v1/documents?dossierCode=\(dossier)&componentCode=GTTT&digitised=true"),
                                                body: DocumentFixtures.pdf("Ban scan \(UUID().uuidString)"), headers: headers)
            #expect(result.status == 201 && result.json?["signed"] as? Bool == true, "\(String(decoding: result.body, as: UTF8.self))")
            return try #require(result.json?["id"] as? String)
        }

        func opensslVerifies(_ document: String, certificate: Data, _ desk: Desk) async throws -> Bool {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("onegate-sealed-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let content = directory.appendingPathComponent("file"), signature = directory.appendingPathComponent("file.p7s")
            let authority = directory.appendingPathComponent("agency.pem")
            try await desk.get("/api/v1/documents/\(document)", as: "officer").body.write(to: content)
            try await desk.get("/api/v1/documents/\(document)/signature", as: "officer").body.write(to: signature)
            try certificate.write(to: authority)
            return try Shell.runStatus("/usr/bin/openssl", ["cms", "-verify", "-binary", "-content", content.path, "-inform", "DER",
                                                            "-in", signature.path, "-CAfile", authority.path, "-out", "/dev/null"]).0 == 0
        }

        /// Runs `service` with the test instances and `overrides` until it exits; its status and stderr.
        func start(_ service: String, environment overrides: [String: String]) async throws -> (Int32, String) {
            var environment: [String: String?] = [:]
            for name in ["ONEGATE_DATA_KEY", "ONEGATE_DATA_KEY_FILE", "ONEGATE_DATA_KEY_PREVIOUS", "ONEGATE_DATA_KEY_PREVIOUS_FILE"] {
                environment[name] = .some(nil)
            }
            for (name, value) in overrides { environment[name] = value }
            return try await ServiceLaunch.untilExit(service, environment: environment)
        }
    }
}
