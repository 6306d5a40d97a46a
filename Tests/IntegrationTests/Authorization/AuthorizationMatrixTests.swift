import Foundation
import Testing

extension Integration {
    /// Every operation of the HTTP contract × every kind of caller (`AuthorizationMatrix`), against
    /// the real services: nobody reaches another's dossier, document, e-result, form 06/07, report
    /// or subscription, and every caller gets exactly the status the table says.
    @Suite struct AuthorizationMatrixTests {
        @Test func everyOperationAnswersEveryCallerAsTheMatrixSays() async throws {
            let cluster = try await ServiceCluster.start()
            do {
                let fixtures = MatrixFixtures(cluster: cluster)
                try await everyDocumentedOperationHasARow(cluster)
                try await fixtures.prepare()
                for caller in MatrixCaller.allCases { _ = try await fixtures.headers(caller) }  // sign everyone in once
                var seen: [(MatrixRow, [MatrixCaller: Int])] = []
                for row in AuthorizationMatrix.rows {
                    seen.append((row, try await run(row, fixtures)))
                }
                let differing = seen.filter { row, statuses in statuses != row.expected }
                if !differing.isEmpty {
                    let table = differing.map { row, statuses in
                        "\(row.label)\n    expected \(MatrixRow.format(row.expected))\n    seen     \(MatrixRow.format(statuses))"
                    }.joined(separator: "\n")
                    Issue.record("\(differing.count) rows of the authorization matrix differ:\n\(table)")
                }
            } catch {
                Issue.record(error)
            }
            _ = await cluster.stop()
        }

        /// The matrix covers the served OpenAPI document exactly: an operation added without a row,
        /// or a row for an operation that is gone, fails here.
        func everyDocumentedOperationHasARow(_ cluster: ServiceCluster) async throws {
            let document = try await HTTP.request(.get, cluster.url("/api/v1/openapi.json"))
            let paths = try #require(document.json?["paths"] as? [String: [String: Any]])
            let methods: Set<String> = ["get", "post", "put", "delete", "patch"]
            let documented = Set(paths.flatMap { path, operations in
                operations.keys.filter(methods.contains).map { "\($0.uppercased()) \(path)" }
            })
            let covered = Set(AuthorizationMatrix.rows.map(\.operation))
            for operation in documented.subtracting(covered).sorted() {
                Issue.record("\(operation) has no row in the authorization matrix (Tests/IntegrationTests/Authorization/AuthorizationMatrix.swift)")
            }
            for operation in covered.subtracting(documented).sorted() {
                Issue.record("the authorization matrix has a row for \(operation), which the OpenAPI document does not describe")
            }
        }

        /// One request per caller. Refused callers go first, at once; a row that changes something
        /// sends the callers expected to succeed afterwards, one by one.
        func run(_ row: MatrixRow, _ fixtures: MatrixFixtures) async throws -> [MatrixCaller: Int] {
            if let before = row.before, let problem = try await before(fixtures) {
                Issue.record("\(row.label): \(problem)")
            }
            let succeeding = MatrixCaller.allCases.filter { row.mutates && (200..<300).contains(row.expected[$0] ?? 0) }
            var statuses: [MatrixCaller: Int] = [:]
            try await withThrowingTaskGroup(of: (MatrixCaller, Int).self) { group in
                for caller in MatrixCaller.allCases where !succeeding.contains(caller) {
                    group.addTask { (caller, try await send(row, as: caller, fixtures)) }
                }
                for try await (caller, status) in group { statuses[caller] = status }
            }
            for caller in succeeding { statuses[caller] = try await send(row, as: caller, fixtures) }
            if let then = row.then { try await then(fixtures) }
            return statuses
        }

        func send(_ row: MatrixRow, as caller: MatrixCaller, _ fixtures: MatrixFixtures) async throws -> Int {
            let request = row.request(fixtures, caller)
            var headers = try await fixtures.headers(caller)
            if let type = request.contentType { headers["Content-Type"] = type }
            let result = try await HTTP.request(row.method, fixtures.cluster.url(request.path), body: request.body, headers: headers)
            if result.status != row.expected[caller] {
                let excerpt = String(decoding: result.body.prefix(300), as: UTF8.self)
                Issue.record("\(row.label) as \(caller): expected \(row.expected[caller] ?? 0), got \(result.status): \(excerpt)")
            }
            if let check = row.check, let problem = check(fixtures, caller, result) {
                Issue.record("\(row.label) as \(caller): \(problem)")
            }
            return result.status
        }
    }
}
