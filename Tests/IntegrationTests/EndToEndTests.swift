import Crypto
import Domain
import Foundation
import PostgresNIO
import Synchronization
import Testing

extension Integration {
    /// Starts the eight executables and drives the gateway over HTTP, as a user would.
    @Suite struct EndToEndTests {
        /// The demo catalog's birth registration (1.001193), handled by Sở Tư pháp.
        static let justice = "000.00.01.H30"

        static func submission(agency: String = justice, channel: String = "online", idNumber: String = "001203004567",
                               procedure: String = "1.001193", components: [String] = ["TK", "GCS", "GTTT"],
                               documents: [String]? = nil) -> String {
            let uploaded = documents ?? anonymousDocuments.withLock { $0 }
            let attachments = components.enumerated().map { index, code in
                let id = uploaded.isEmpty ? "4f1e8a52-0c2b-4a8e-9a51-1d2f3e4a5b6\(index)" : uploaded[index % uploaded.count]
                return #"{"componentCode": "\#(code)", "documentId": "\#(id)"}"#
            }
            return """
            {"procedureCode": "\(procedure)", "agencyCode": "\(agency)", "channel": "\(channel)",
             "applicant": {"kind": "citizen", "name": "Nguyễn Văn An", "idNumber": "\(idNumber)", "phone": "0912345678"},
             "form": {"applicantName": "Nguyễn Văn An", "applicantIdNumber": "001203004567", "childName": "Nguyễn Văn Bình",
                      "childBirthDate": "2026-11-20", "childSex": "Nam", "birthPlace": "Bệnh viện Phụ sản tỉnh", "relationship": "Cha"},
             "attachments": [\(attachments.joined(separator: ", "))]}
            """
        }

        /// Documents uploaded anonymously once, named by the `submission()`s that are refused before
        /// their attachments are looked at (an accepted submission takes its anonymous documents:
        /// use `freshSubmission`).
        static let anonymousDocuments = Mutex<[String]>([])

        /// An anonymous online submission with documents uploaded for it alone (a dossier takes the
        /// anonymous documents it was submitted with; no later submission may name them).
        static func freshSubmission(_ cluster: ServiceCluster, channel: String = "online") async throws -> String {
            var documents: [String] = []
            for index in 0..<3 { documents.append(try await Uploads.document(cluster, text: "Giay to \(index)")) }
            return submission(channel: channel, documents: documents)
        }

        @Test func aDossierFlowsThroughTheRealProcesses() async throws {
            let cluster = try await ServiceCluster.start()
            do {
                try await readiness(cluster)
                var uploaded: [String] = []
                for index in 0..<3 { uploaded.append(try await Uploads.document(cluster, text: "Giay to \(index)")) }
                Self.anonymousDocuments.withLock { $0 = uploaded }
                try await submitTrackAndCount(cluster)
                try await metricsAreExported(cluster)
                try await reportsStayWithinTheCallersProvince(cluster)
                try await badSubmissionsAreRefusedAndWriteNothing(cluster)
                try await idempotentRetries(cluster)
                try await concurrentSubmissionsGetDistinctCodes(cluster)
                try await readModelsRebuildToTheSameFigures(cluster)
                try await openAPIDocumentIsServed(cluster)
            } catch {
                Issue.record(error)
            }
            let exits = await cluster.stop()
            for (service, code) in exits {
                #expect(code == 0, "\(service) should exit 0 after SIGTERM, got \(String(describing: code))")
            }
        }

        func readiness(_ cluster: ServiceCluster) async throws {
            let ready = try await HTTP.request(.get, cluster.url("/ready"))
            #expect(ready.status == 200)
            #expect(ready.json?["status"] as? String == "ready")
            #expect((ready.json?["services"] as? [String: Bool])?.count == 7)
            let health = try await HTTP.request(.get, cluster.url("/health"))
            #expect(health.status == 200)
            let metrics = try await HTTP.request(.get, cluster.url("/metrics/intake"), headers: ServiceCluster.metricsHeaders)
            #expect(metrics.status == 200)
        }

        func intakeCount(_ cluster: ServiceCluster, agency: String) async throws -> Int {
            let counts = try await HTTP.request(.get, cluster.url("/api/v1/reports/intake-counts?agency=\(agency)"))
            #expect(counts.status == 200)
            return counts.json?["total"] as? Int ?? -1
        }

        func submitTrackAndCount(_ cluster: ServiceCluster) async throws {
            let agency = Self.justice
            let countedBefore = try await intakeCount(cluster, agency: agency)
            let created = try await HTTP.postJSON(cluster.url("/api/v1/dossiers"), try await Self.freshSubmission(cluster))
            #expect(created.status == 201)
            let code = try #require(created.json?["code"] as? String)
            let parsed = try #require(DossierCode(code))
            #expect(parsed.agency.rawValue == agency)
            #expect(parsed.date == LocalDate.inVietnam(secondsSinceEpoch: Date().timeIntervalSince1970))
            #expect((created.json?["status"] as? [String: Any])?["code"] as? Int == 1)
            #expect(created.headers["location"] == "/api/v1/dossiers/\(code)")
            let token = try #require(created.json?["lookupToken"] as? String)

            let opened = await eventually {
                let shown = try? await HTTP.request(.get, cluster.url("/api/v1/dossiers/\(code)?token=\(token)"))
                return shown?.status == 200 && (shown?.json?["state"] as? String) == "awaiting-reception"
                    && ((shown?.json?["history"] as? [Any])?.count ?? 0) == 1
            }
            #expect(opened, "processing opened the case and the gateway shows it")
            let shown = try await HTTP.request(.get, cluster.url("/api/v1/dossiers/\(code)?token=\(token)"))
            #expect(shown.json?["code"] as? String == code)
            #expect((shown.json?["status"] as? [String: Any])?["name"] as? String == "Mới đăng ký")
            // Answered from processing's copy of the submission: the same facts intake gave.
            #expect(shown.json?["submittedAt"] as? String == created.json?["submittedAt"] as? String)
            #expect(shown.json?["procedureCode"] as? String == "1.001193" && shown.json?["agencyCode"] as? String == agency)
            #expect(shown.json?["channel"] as? String == "online" && shown.json?["applicantKind"] as? String == "citizen")

            #expect(await eventually { (try? await intakeCount(cluster, agency: agency)) == countedBefore + 1 },
                    "reporting counted the submission")

            let anonymous = try await HTTP.request(.get, cluster.url("/api/v1/dossiers/\(code)"))
            #expect(anonymous.status == 401 && anonymous.contentType == "application/problem+json")
            let wrongToken = try await HTTP.request(.get, cluster.url("/api/v1/dossiers/\(code)?token=wrong"))
            #expect(wrongToken.status == 404 && wrongToken.contentType == "application/problem+json")
            let malformedCode = try await HTTP.request(.get, cluster.url("/api/v1/dossiers/not-a-code?token=x"))
            #expect(malformedCode.status == 400 && malformedCode.problemFields == ["code"])
            try await tokensAreRandomAndOnlyTheirHashIsKept(cluster, code: code, token: token)
        }

        /// The token the old code derived from the dossier code: HMAC-SHA256 under the default secret.
        static func formerDerivedToken(code: String, secret: String = "onegate-dev-lookup-secret") -> String {
            let mac = HMAC<SHA256>.authenticationCode(for: Data(code.utf8), using: SymmetricKey(data: Data(secret.utf8)))
            return String(Data(mac).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").prefix(22))
        }

        func tokensAreRandomAndOnlyTheirHashIsKept(_ cluster: ServiceCluster, code: String, token: String) async throws {
            #expect(token.count == 22 && token.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }, "128 bits, URL-safe")
            let forged = Self.formerDerivedToken(code: code)
            #expect(forged != token)
            let guessed = try await HTTP.request(.get, cluster.url("/api/v1/dossiers/\(code)?token=\(forged)"))
            #expect(guessed.status == 404, "a token computed from the code under the former default secret reads nothing")
            // A fresh dossier, looked up at once: answered by intake until processing opens the case.
            let fresh = try await HTTP.postJSON(cluster.url("/api/v1/dossiers"), try await Self.freshSubmission(cluster))
            let freshCode = try #require(fresh.json?["code"] as? String)
            let freshToken = try #require(fresh.json?["lookupToken"] as? String)
            let early = try await HTTP.request(.get, cluster.url("/api/v1/dossiers/\(freshCode)?token=\(Self.formerDerivedToken(code: freshCode))"))
            #expect(early.status == 404)
            #expect(await eventually {
                (try? await HTTP.request(.get, cluster.url("/api/v1/dossiers/\(freshCode)?token=\(freshToken)")))?.status == 200
            })
            // Intake keeps the SHA-256 only, and nothing sealed without an Idempotency-Key; processing the same hash.
            let digest = SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
            let kept = try await withPostgres(role: "intake") { client in
                try await client.integer("""
                    SELECT count(*)::int FROM intake.dossiers
                    WHERE code = \(code) AND lookup_token_hash = \(digest) AND lookup_token_sealed IS NULL
                    """)
            }
            #expect(kept == 1)
            let copied = try await withPostgres(role: "processing") { client in
                try await client.integer("SELECT count(*)::int FROM processing.cases WHERE code = \(code) AND lookup_token_hash = \(digest)")
            }
            #expect(copied == 1)
        }

        func storedDossiers(agency: String? = nil) async throws -> Int {
            try await withPostgres(role: "intake") { client in
                try await client.integer("SELECT count(*)::int FROM intake.dossiers WHERE \(agency)::text IS NULL OR agency_code = \(agency)::text")
            }
        }

        func badSubmissionsAreRefusedAndWriteNothing(_ cluster: ServiceCluster) async throws {
            let url = cluster.url("/api/v1/dossiers")
            let valid = Self.submission()
            let before = try await storedDossiers()

            let cases: [(name: String, body: String, contentType: String, status: Int, field: String?)] = [
                ("missing field", valid.replacingOccurrences(of: "\"procedureCode\": \"1.001193\",", with: ""), "application/json", 400, "procedureCode"),
                ("wrong type", valid.replacingOccurrences(of: "\"channel\": \"online\"", with: "\"channel\": 2"), "application/json", 400, "channel"),
                ("unknown channel", Self.submission(channel: "fax"), "application/json", 400, "channel"),
                ("unpublished procedure", Self.submission(procedure: "9.999999"), "application/json", 400, "procedureCode"),
                ("agency that does not handle it", Self.submission(agency: "000.00.00.H30"), "application/json", 400, "agencyCode"),
                ("e-form field missing", valid.replacingOccurrences(of: "\"childName\": \"Nguyễn Văn Bình\",", with: ""), "application/json", 400, "form.childName"),
                ("e-form option unknown", valid.replacingOccurrences(of: "\"childSex\": \"Nam\"", with: "\"childSex\": \"X\""), "application/json", 400, "form.childSex"),
                ("unknown field", valid.replacingOccurrences(of: "\"form\":", with: "\"extra\": true, \"form\":"), "application/json", 400, "extra"),
                ("bad id number", Self.submission(idNumber: "12345"), "application/json", 400, "applicant.idNumber"),
                ("required component missing", Self.submission(components: ["TK", "GTTT"]),
                 "application/json", 400, "attachments"),
                ("unknown component", valid.replacingOccurrences(of: "\"componentCode\": \"TK\"", with: "\"componentCode\": \"XX\""),
                 "application/json", 400, "attachments[0].componentCode"),
                ("counter submission without an officer", Self.submission(channel: "direct"), "application/json", 401, nil),
                ("attachments that do not exist", Self.submission(documents: [UUID().uuidString.lowercased()]),
                 "application/json", 400, "attachments[0].documentId"),
                ("malformed JSON", "{\"procedureCode\": ", "application/json", 400, nil),
                ("not JSON at all", valid, "text/plain", 415, nil),
                ("oversized body", "{\"form\": \"" + String(repeating: "x", count: 1_100_000) + "\"}", "application/json", 413, nil),
            ]
            for bad in cases {
                let result = try await HTTP.request(.post, url, body: Data(bad.body.utf8), headers: ["Content-Type": bad.contentType])
                #expect(result.status == bad.status, "\(bad.name)")
                #expect(result.contentType == "application/problem+json", "\(bad.name)")
                #expect(result.json?["status"] as? Int == bad.status, "\(bad.name)")
                let title = result.json?["title"] as? String
                #expect(title?.isEmpty == false, "\(bad.name)")
                if let field = bad.field {
                    #expect(result.problemFields.contains(field), "\(bad.name): \(result.problemFields)")
                }
            }
            #expect(try await storedDossiers() == before, "no bad submission was stored")
        }

        func idempotentRetries(_ cluster: ServiceCluster) async throws {
            let url = cluster.url("/api/v1/dossiers")
            let key = ["Idempotency-Key": "retry-\(UUID().uuidString)"]
            let body = try await Self.freshSubmission(cluster)
            let first = try await HTTP.postJSON(url, body, headers: key)
            let again = try await HTTP.postJSON(url, body, headers: key)
            #expect(first.status == 201 && again.status == 200)
            #expect(first.json?["code"] as? String == again.json?["code"] as? String)
            #expect(first.json?["lookupToken"] as? String == again.json?["lookupToken"] as? String)
            // The retry's token (random, kept sealed for retries only) reads the dossier.
            let code = try #require(again.json?["code"] as? String)
            let token = try #require(again.json?["lookupToken"] as? String)
            #expect(await eventually {
                (try? await HTTP.request(.get, cluster.url("/api/v1/dossiers/\(code)?token=\(token)")))?.status == 200
            })
            let sealed = try await withPostgres(role: "intake") { client in
                try await client.integer("""
                    SELECT count(*)::int FROM intake.dossiers
                    WHERE code = \(code) AND lookup_token_sealed IS NOT NULL AND strpos(lookup_token_sealed, \(token)) = 0
                    """)
            }
            #expect(sealed == 1, "the token is kept sealed, not in the clear")
            let reused = try await HTTP.postJSON(url, Self.submission(channel: "postal"), headers: key)
            #expect(reused.status == 422)
        }

        func concurrentSubmissionsGetDistinctCodes(_ cluster: ServiceCluster) async throws {
            let url = cluster.url("/api/v1/dossiers")
            let results = try await withThrowingTaskGroup(of: HTTP.Result.self) { group in
                for _ in 0..<100 { group.addTask { try await HTTP.postJSON(url, try await Self.freshSubmission(cluster)) } }
                var all: [HTTP.Result] = []
                for try await result in group { all.append(result) }
                return all
            }
            #expect(results.allSatisfy { $0.status == 201 })
            let codes = results.compactMap { $0.json?["code"] as? String }
            #expect(codes.count == 100)
            #expect(Set(codes).count == 100, "codes are distinct")
            let parsed = codes.compactMap(DossierCode.init)
            #expect(parsed.count == 100, "codes are well-formed")
            #expect(Set(parsed.map { "\($0.agency)-\($0.date.compactYYMMDD)" }).count == 1)
        }

        /// Reporting's read models, dropped and rebuilt from its event log, give the same figures.
        /// (Compared for the demo agency: reporting's own tests feed it synthetic agencies' events.)
        func readModelsRebuildToTheSameFigures(_ cluster: ServiceCluster) async throws {
            let stored = try await storedDossiers(agency: Self.justice)
            let settled = await eventually(timeout: .seconds(30)) {
                let counts = try? await HTTP.request(.get, cluster.url("/api/v1/reports/intake-counts?agency=\(Self.justice)"))
                return counts?.json?["total"] as? Int == stored
            }
            #expect(settled, "reporting counted every stored dossier")
            let before = try await HTTP.request(.get, cluster.url("/api/v1/reports/intake-counts")).body
            let reporting = TestEnvironment.repositoryRoot.appendingPathComponent(".build/debug/reporting").path
            let rebuild = try Shell.runStatus(reporting, ["rebuild"], environment: ["ONEGATE_DB_PORT": String(TestEnvironment.shared.dbPort)])
            #expect(rebuild.0 == 0 && rebuild.1.contains("rebuilt read models"), "\(rebuild.1)")
            let after = try await HTTP.request(.get, cluster.url("/api/v1/reports/intake-counts")).body
            #expect(before == after, "identical figures after the rebuild")
        }

        /// Every operation in the OpenAPI document exists and answers with one of its documented
        /// statuses when called bare (GET without parameters, POST with `{}`).
        func openAPIDocumentIsServed(_ cluster: ServiceCluster) async throws {
            let document = try await HTTP.request(.get, cluster.url("/api/v1/openapi.json"))
            #expect(document.status == 200)
            #expect((document.json?["openapi"] as? String)?.hasPrefix("3.1") == true)
            let paths = document.json?["paths"] as? [String: [String: Any]] ?? [:]
            #expect(paths.count >= 16)
            let samples = ["{code}": "000.00.00.H30-251125-0001", "{service}": "intake", "{id}": UUID().uuidString,
                           "{name}": "ethnicities"]
            for (template, operations) in paths.sorted(by: { $0.key < $1.key }) {
                var path = template
                for (placeholder, value) in samples { path = path.replacingOccurrences(of: placeholder, with: value) }
                for (method, operation) in operations {
                    let documented = Set(((operation as? [String: Any])?["responses"] as? [String: Any] ?? [:]).keys.compactMap(Int.init))
                    let result = method == "post"
                        ? try await HTTP.postJSON(cluster.url(path), "{}")
                        : try await HTTP.request(.get, cluster.url(path))
                    #expect(documented.contains(result.status), "\(method.uppercased()) \(path) answered \(result.status), documented \(documented.sorted())")
                }
            }
        }
    }
}
