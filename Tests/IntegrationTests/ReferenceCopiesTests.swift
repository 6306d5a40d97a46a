import Foundation
import PostgresNIO
import Testing

extension Integration {
    /// Processing keeps its own copies of the catalog's procedures and calendars and of
    /// identity's org units, from their events (never reading their schemas).
    @Suite struct ReferenceCopiesTests {
        @Test func catalogAndIdentityChangesReachProcessing() async throws {
            let cluster = try await ServiceCluster.start()
            do {
                try await withPostgres(role: "processing") { client in
                    let unitsCopied = await eventually {
                        (try? await client.integer("""
                            SELECT count(*)::int FROM processing.org_units WHERE code = 'H30-STP' AND agency_code = '000.00.01.H30'
                            """)) == 1
                    }
                    #expect(unitsCopied, "identity's org units reached processing")
                }

                let authorised = try await SignIns(cluster).headers("admin").merging(["Content-Type": "application/json"]) { $1 }

                // Publish a new version of a demo procedure; processing must hold that version.
                let code = "1.001193"
                let shown = try await HTTP.request(.get, cluster.url("/api/v1/procedures/\(code)"))
                var definition = try #require(shown.json, "\(String(decoding: shown.body, as: UTF8.self))")
                for key in ["status", "version", "publishedAt"] { definition.removeValue(forKey: key) }
                let draft = try await HTTP.request(.put, cluster.url("/api/v1/procedures/\(code)"),
                                                   body: try JSONSerialization.data(withJSONObject: definition), headers: authorised)
                #expect(draft.status == 200, "\(String(decoding: draft.body, as: UTF8.self))")
                let published = try await HTTP.postJSON(cluster.url("/api/v1/procedures/\(code)/publish"), "{}", headers: authorised)
                let version = try #require(published.json?["version"] as? Int, "\(String(decoding: published.body, as: UTF8.self))")
                try await withPostgres(role: "processing") { client in
                    let copied = await eventually {
                        (try? await client.integer(
                            "SELECT count(*)::int FROM processing.procedure_versions WHERE code = \(code) AND version = \(version)")) == 1
                    }
                    #expect(copied, "version \(version) of \(code) reached processing")
                }
                let year = 2040 + Int.random(in: 0..<50)
                let name = "Ngày thử \(UUID().uuidString.prefix(6))"
                let body = #"{"entries": [{"date": "\#(year)-03-14", "kind": "dayOff", "name": "\#(name)"}]}"#
                let put = try await HTTP.request(.put, cluster.url("/api/v1/calendar/\(year)"), body: Data(body.utf8), headers: authorised)
                #expect(put.status == 200, "\(String(decoding: put.body, as: UTF8.self))")
                try await withPostgres(role: "processing") { client in
                    let reached = await eventually {
                        (try? await client.integer(
                            "SELECT count(*)::int FROM processing.calendars WHERE year = \(year) AND body::text LIKE \("%" + name + "%")")) == 1
                    }
                    #expect(reached, "the calendar edit reached processing")
                }
            } catch {
                Issue.record(error)
            }
            _ = await cluster.stop()
        }
    }
}
