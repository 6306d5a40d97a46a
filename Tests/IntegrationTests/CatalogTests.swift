import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import PostgresNIO
import Testing

extension Integration {
    /// Procedures (drafts, versions, search, retirement) and the holiday calendar, through the gateway.
    @Suite struct CatalogTests {
        @Test func catalogThroughTheGateway() async throws {
            let cluster = try await ServiceCluster.start()
            do {
                let signIns = SignIns(cluster)
                let admin = try await signIns.headers("admin")
                let officer = try await signIns.headers("officer")
                try await demoCatalogIsSeeded(cluster)
                try await writesNeedAnAdministrator(cluster, officer: officer)
                try await invalidProceduresNameEveryField(cluster, admin: admin)
                try await draftsPublishAsVersions(cluster, admin: admin)
                try await searchIgnoresDiacritics(cluster)
                try await calendarIsValidatedAndStored(cluster, admin: admin, officer: officer)
                try await agencyAdministratorsStayWithinTheirAgencies(cluster, admin: admin)
            } catch {
                Issue.record(error)
            }
            _ = await cluster.stop()
        }

        func put(_ url: URL, _ text: String, headers: [String: String] = [:]) async throws -> HTTP.Result {
            var request = URLRequest(url: url)
            request.httpMethod = "PUT"
            request.httpBody = Data(text.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
            let (data, response) = try await HTTP.session.data(for: request)
            let http = try #require(response as? HTTPURLResponse)
            return HTTP.Result(status: http.statusCode, headers: [:], body: data)
        }

        static func procedure(code: String, name: String, days: Int = 5) -> String {
            """
            {"code": "\(code)", "name": "\(name)", "sectorCode": "G13-HT01", "level": "commune",
             "agencies": ["000.00.01.H30"], "processingTime": {"amount": \(days), "unit": "workingDays"},
             "onlineServiceLevel": "full", "channels": ["online", "direct"],
             "fees": [{"code": "LP", "name": "Lệ phí", "amount": 8000, "collector": "Sở Tư pháp"}],
             "components": [{"code": "TK", "name": "Tờ khai", "required": true, "originals": 1, "copies": 0, "mustDigitise": true}],
             "eForm": {"fields": [{"name": "childName", "label": "Họ tên", "type": "string", "required": true, "max": 100},
                                  {"name": "sex", "label": "Giới tính", "type": "enum", "options": ["Nam", "Nữ"]}]},
             "results": [{"code": "KQ1", "name": "Giấy khai sinh"}],
             "workflow": [{"role": "one-stop-officer", "orgUnit": "H30-PVHCC", "sharePercent": 20},
                          {"role": "specialist", "orgUnit": "H30-STP-HCTP", "sharePercent": 50},
                          {"role": "agency-leader", "orgUnit": "H30-STP", "sharePercent": 30}],
             "clockPolicy": "resume", "legalBasis": ["Luật Hộ tịch 2014"]}
            """
        }

        func demoCatalogIsSeeded(_ cluster: ServiceCluster) async throws {
            let birth = try await HTTP.request(.get, cluster.url("/api/v1/procedures/1.001193"))
            #expect(birth.status == 200, "public, anonymous")
            #expect(birth.json?["name"] as? String == "Đăng ký khai sinh")
            #expect((birth.json?["version"] as? Int ?? 0) >= 1)
            #expect(birth.json?["status"] as? String == "published")
            let record = try await HTTP.request(.get, cluster.url("/api/v1/procedures/2.000488"))
            #expect(record.status == 200)
            #expect(((record.json?["workflow"] as? [Any]) ?? []).count == 5)
            let all = try await HTTP.request(.get, cluster.url("/api/v1/procedures?pageSize=100"))
            #expect(all.status == 200)
            #expect((all.json?["total"] as? Int ?? 0) >= 20)
            let calendar = try await HTTP.request(.get, cluster.url("/api/v1/calendar/2026"))
            #expect(calendar.status == 200)
            let dates = ((calendar.json?["entries"] as? [[String: Any]]) ?? []).compactMap { $0["date"] as? String }
            #expect(dates.contains("2026-04-30") && dates.contains("2026-09-02") && dates.contains("2026-01-01"))
            #expect(calendar.json?["cutOff"] as? String == "15:00")
            #expect(try await HTTP.request(.get, cluster.url("/api/v1/calendar/2027")).status == 200)
            #expect(try await HTTP.request(.get, cluster.url("/api/v1/procedures/9.999999")).status == 404)
        }

        func writesNeedAnAdministrator(_ cluster: ServiceCluster, officer: [String: String]) async throws {
            let body = Self.procedure(code: "9.\(Int.random(in: 100_000...999_999))", name: "Thủ tục thử")
            let url = cluster.url("/api/v1/procedures")
            #expect(try await HTTP.postJSON(url, body).status == 401)
            #expect(try await HTTP.postJSON(url, body, headers: officer).status == 403)
            #expect(try await put(cluster.url("/api/v1/procedures/1.001193"), body).status == 401)
            #expect(try await put(cluster.url("/api/v1/procedures/1.001193"), body, headers: officer).status == 403)
            #expect(try await HTTP.postJSON(cluster.url("/api/v1/procedures/1.001193/publish"), "{}").status == 401)
            #expect(try await HTTP.postJSON(cluster.url("/api/v1/procedures/1.001193/publish"), "{}", headers: officer).status == 403)
            #expect(try await HTTP.postJSON(cluster.url("/api/v1/procedures/1.001193/retire"), "{}", headers: officer).status == 403)
            #expect(try await put(cluster.url("/api/v1/calendar/2026"), #"{"entries": []}"#).status == 401)
            #expect(try await put(cluster.url("/api/v1/calendar/2026"), #"{"entries": []}"#, headers: officer).status == 403)
        }

        func invalidProceduresNameEveryField(_ cluster: ServiceCluster, admin: [String: String]) async throws {
            let bad = """
                {"code": "1.23", "name": "", "sectorCode": "GD10", "level": "district", "agencies": ["H30"],
                 "processingTime": {"amount": 0, "unit": "weeks"}, "onlineServiceLevel": "some", "channels": ["fax"],
                 "fees": [{"code": "LP", "name": "Lệ phí", "amount": -1, "collector": "X"}],
                 "eForm": {"fields": [{"name": "a", "label": "A", "type": "color"}, {"name": "b", "label": "B", "type": "string", "pattern": "("}]},
                 "results": [], "workflow": [{"role": "citizen", "orgUnit": "H30", "sharePercent": 50}],
                 "clockPolicy": "pause", "extra": 1}
                """
            let refused = try await HTTP.postJSON(cluster.url("/api/v1/procedures"), bad, headers: admin)
            #expect(refused.status == 400)
            #expect(refused.contentType.hasPrefix("application/problem+json"))
            let fields = Set(refused.problemFields)
            for field in ["code", "name", "sectorCode", "level", "agencies[0]", "processingTime.unit", "onlineServiceLevel",
                          "channels[0]", "fees[0].amount", "eForm.fields[0].type", "eForm.fields[1].pattern", "results",
                          "workflow[0].role", "workflow", "clockPolicy", "extra"] {
                #expect(fields.contains(field), "\(field) in \(fields.sorted())")
            }
            #expect(try await HTTP.postJSON(cluster.url("/api/v1/procedures"), Self.procedure(code: "1.001193", name: "Trùng mã"),
                                            headers: admin).status == 409, "the code exists")
        }

        /// An administrator of Sở Tư pháp writes the procedures of 000.00.01.H30 only.
        func agencyAdministratorsStayWithinTheirAgencies(_ cluster: ServiceCluster, admin: [String: String]) async throws {
            let username = "catalog-stp-\(UUID().uuidString.prefix(6).lowercased())"
            let created = try await HTTP.postJSON(cluster.url("/api/v1/users"), #"{"username": "\#(username)", "displayName": "Quản trị Sở", "kind": "staff", "password": "Catalog@2026pass", "roles": [{"role": "administrator", "orgUnit": "H30-STP"}]}"#, headers: admin)
            #expect(created.status == 201)
            let scoped = try await SignIns(cluster).headers(username, password: "Catalog@2026pass")
            let own = "9.\(Int.random(in: 100_000...999_999)).000.00.01.H30"
            let mine = try await HTTP.postJSON(cluster.url("/api/v1/procedures"), Self.procedure(code: own, name: "Thủ tục của Sở"), headers: scoped)
            #expect(mine.status == 201, "\(String(decoding: mine.body, as: UTF8.self))")
            let provinceWide = Self.procedure(code: "9.\(Int.random(in: 100_000...999_999))", name: "Thủ tục của tỉnh")
                .replacingOccurrences(of: #""agencies": ["000.00.01.H30"]"#, with: #""agencies": ["000.00.00.H30"]"#)
            let theirs = try await HTTP.postJSON(cluster.url("/api/v1/procedures"), provinceWide, headers: scoped)
            #expect(theirs.status == 403, "\(String(decoding: theirs.body, as: UTF8.self))")
            let takeover = try await put(cluster.url("/api/v1/procedures/2.001610"), Self.procedure(code: "2.001610", name: "Chiếm"), headers: scoped)
            #expect(takeover.status == 403, "a province procedure cannot be moved into the agency's hands")
            #expect(try await put(cluster.url("/api/v1/calendar/2098"), #"{"entries": []}"#, headers: scoped).status == 403)
            #expect(try await HTTP.postJSON(cluster.url("/api/v1/procedures/\(own)/publish"), "{}", headers: scoped).status == 201)
        }

        func draftsPublishAsVersions(_ cluster: ServiceCluster, admin: [String: String]) async throws {
            let code = "9.\(Int.random(in: 100_000...999_999)).000.00.01.H30"
            let created = try await HTTP.postJSON(cluster.url("/api/v1/procedures"),
                                                  Self.procedure(code: code, name: "Đăng ký hộ tịch thử nghiệm"), headers: admin)
            #expect(created.status == 201)
            #expect(created.json?["status"] as? String == "draft")
            #expect(try await HTTP.request(.get, cluster.url("/api/v1/procedures/\(code)")).status == 404, "drafts are not public")
            #expect(try await HTTP.request(.get, cluster.url("/api/v1/procedures/\(code)/draft")).status == 401)
            let draft = try await HTTP.request(.get, cluster.url("/api/v1/procedures/\(code)/draft"), headers: admin)
            #expect(draft.status == 200 && draft.json?["name"] as? String == "Đăng ký hộ tịch thử nghiệm")
            let publish = cluster.url("/api/v1/procedures/\(code)/publish")
            let first = try await HTTP.postJSON(publish, "{}", headers: admin)
            #expect(first.status == 201)
            #expect(first.json?["version"] as? Int == 1)
            #expect(try await HTTP.postJSON(publish, "{}", headers: admin).status == 409, "no draft to publish")
            #expect(try await HTTP.request(.get, cluster.url("/api/v1/procedures/\(code)/draft"), headers: admin).status == 404)

            let edited = try await put(cluster.url("/api/v1/procedures/\(code)"),
                                       Self.procedure(code: code, name: "Đăng ký hộ tịch thử nghiệm (sửa đổi)", days: 3), headers: admin)
            #expect(edited.status == 200)
            let mismatched = try await put(cluster.url("/api/v1/procedures/\(code)"), Self.procedure(code: "1.000001", name: "X"), headers: admin)
            #expect(mismatched.status == 400 && mismatched.problemFields == ["code"])
            let second = try await HTTP.postJSON(publish, "{}", headers: admin)
            #expect(second.status == 201)
            #expect(second.json?["version"] as? Int == 2)

            let latest = try await HTTP.request(.get, cluster.url("/api/v1/procedures/\(code)"))
            #expect(latest.json?["version"] as? Int == 2)
            #expect((latest.json?["processingTime"] as? [String: Any])?["amount"] as? Int == 3)
            let one = try await HTTP.request(.get, cluster.url("/api/v1/procedures/\(code)?version=1"))
            #expect(one.status == 200)
            #expect(one.json?["name"] as? String == "Đăng ký hộ tịch thử nghiệm", "version 1 stays as published")
            #expect(try await HTTP.request(.get, cluster.url("/api/v1/procedures/\(code)?version=3")).status == 404)
            #expect(try await HTTP.request(.get, cluster.url("/api/v1/procedures/\(code)?version=x")).status == 400)

            let published = await eventually {
                (try? await withPostgres(role: "catalog") { client in
                    try await client.integer("""
                        SELECT count(*)::int FROM catalog.outbox WHERE routing_key = 'catalog.procedure.published'
                        AND published_at IS NOT NULL AND body LIKE \("%\"" + code + "\"%")
                        """)
                }) == 2
            }
            #expect(published, "both versions announced on the bus")

            let retired = try await HTTP.postJSON(cluster.url("/api/v1/procedures/\(code)/retire"), "{}", headers: admin)
            #expect(retired.status == 200)
            #expect(retired.json?["status"] as? String == "retired")
            #expect(try await HTTP.postJSON(cluster.url("/api/v1/procedures/\(code)/retire"), "{}", headers: admin).status == 409)
            let stillReadable = try await HTTP.request(.get, cluster.url("/api/v1/procedures/\(code)?version=1"))
            #expect(stillReadable.status == 200, "dossiers keep the version they were submitted under")
            let search = try await HTTP.request(.get, cluster.url("/api/v1/procedures?q=\(code)"))
            #expect(search.json?["total"] as? Int == 0, "retired procedures leave the search")
            #expect(try await put(cluster.url("/api/v1/procedures/\(code)"), Self.procedure(code: code, name: "Y"), headers: admin).status == 409)
            let announced = await eventually {
                (try? await withPostgres(role: "catalog") { client in
                    try await client.integer("""
                        SELECT count(*)::int FROM catalog.outbox WHERE routing_key = 'catalog.procedure.retired'
                        AND published_at IS NOT NULL AND body LIKE \("%\"" + code + "\"%")
                        """)
                }) == 1
            }
            #expect(announced)
        }

        func searchIgnoresDiacritics(_ cluster: ServiceCluster) async throws {
            func codes(_ query: String) async throws -> (Int, [String]) {
                let encoded = query.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? query
                let result = try await HTTP.request(.get, cluster.url("/api/v1/procedures?q=\(encoded)&pageSize=200"))
                #expect(result.status == 200)
                let items = (result.json?["items"] as? [[String: Any]]) ?? []
                return (result.json?["total"] as? Int ?? -1, items.compactMap { $0["code"] as? String })
            }
            let plain = try await codes("ho tich")
            let marked = try await codes("hộ tịch")
            let upper = try await codes("HỘ  TỊCH")
            #expect(plain.0 > 0)
            #expect(plain.0 == marked.0 && plain.1 == marked.1 && upper.1 == plain.1)
            let birth = try await codes("dang ky khai sinh")
            #expect(birth.1.contains("1.001193"))
            #expect(try await codes("đăng ký khai sinh").1 == birth.1)
            let sector = try await HTTP.request(.get, cluster.url("/api/v1/procedures?sector=G13-LLTP&level=province&agency=000.00.01.H30"))
            #expect(((sector.json?["items"] as? [[String: Any]]) ?? []).compactMap { $0["code"] as? String } == ["2.000488"])
            #expect(try await HTTP.request(.get, cluster.url("/api/v1/procedures?level=district")).status == 400)
        }

        func calendarIsValidatedAndStored(_ cluster: ServiceCluster, admin: [String: String], officer: [String: String]) async throws {
            let url = cluster.url("/api/v1/calendar/2031")
            let bad = try await put(url, """
                {"entries": [{"date": "2031-02-30", "kind": "dayOff"}, {"date": "2030-05-01", "kind": "dayOff"},
                             {"date": "2031-05-01", "kind": "holiday"}], "cutOff": "25:00", "extra": true}
                """, headers: admin)
            #expect(bad.status == 400)
            #expect(Set(bad.problemFields) == ["entries[0].date", "entries[1].date", "entries[2].kind", "cutOff", "extra"])
            let clash = try await put(url, """
                {"entries": [{"date": "2031-05-01", "kind": "dayOff"}, {"date": "2031-05-01", "kind": "compensatoryWorkingDay"},
                             {"date": "2031-05-05", "kind": "compensatoryWorkingDay"}]}
                """, headers: admin)
            #expect(clash.status == 400, "both kinds on one day; a Monday cannot be compensatory")
            #expect(clash.problemFields == ["entries", "entries"])
            let overlap = try await put(url, #"{"entries": [], "officeHours": {"monday": [{"start": "08:00", "end": "12:00"}, {"start": "11:00", "end": "17:00"}]}}"#,
                                        headers: admin)
            #expect(overlap.status == 400 && overlap.problemFields == ["officeHours.monday"])
            let stored = try await put(url, """
                {"entries": [{"date": "2031-01-01", "kind": "dayOff", "name": "Tết Dương lịch"},
                             {"date": "2031-01-04", "kind": "compensatoryWorkingDay", "name": "Làm bù"}], "cutOff": "16:00"}
                """, headers: admin)
            #expect(stored.status == 200)
            let shown = try await HTTP.request(.get, url)
            #expect(shown.status == 200)
            #expect(shown.json?["cutOff"] as? String == "16:00")
            #expect(((shown.json?["officeHours"] as? [String: Any])?["monday"] as? [[String: String]])?.first?["start"] == "07:30", "default hours")
            #expect(((shown.json?["entries"] as? [[String: Any]]) ?? []).count == 2)
            #expect(try await HTTP.request(.get, cluster.url("/api/v1/calendar/1999")).status == 400)
            #expect(try await HTTP.request(.get, cluster.url("/api/v1/calendar/2099")).status == 404)
            let changed = await eventually {
                (try? await withPostgres(role: "catalog") { client in
                    try await client.integer("""
                        SELECT count(*)::int FROM catalog.outbox WHERE routing_key = 'catalog.calendar.changed'
                        AND published_at IS NOT NULL AND body LIKE '%"year":2031%'
                        """)
                }) ?? 0 >= 1
            }
            #expect(changed)
        }
    }
}
