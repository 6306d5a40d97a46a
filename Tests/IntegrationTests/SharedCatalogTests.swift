import Foundation
import PostgresNIO
import Testing

extension Integration {
    /// The shared electronic catalogs through the gateway: the demo seed, public search and paging,
    /// CSV imports by administrators (counts, all-or-nothing, BOM, Vietnamese text) and their event.
    @Suite struct SharedCatalogTests {
        /// A prefix no earlier run used, so the test does not depend on a fresh database.
        let run = "T" + UUID().uuidString.prefix(6).uppercased()

        @Test func sharedCatalogsThroughTheGateway() async throws {
            let cluster = try await ServiceCluster.start()
            do {
                try await demoCatalogsArePublic(cluster)
                try await importsNeedAnAdministratorAndCSV(cluster)
                try await importsCountAndRoundTrip(cluster)
                try await aBadLineImportsNothing(cluster)
                try await referencesMustExist(cluster)
            } catch {
                Issue.record(error)
            }
            _ = await cluster.stop()
        }

        func get(_ cluster: ServiceCluster, _ pathAndQuery: String) async throws -> HTTP.Result {
            try await HTTP.request(.get, try #require(URL(string: "/api/v1/catalogs/" + pathAndQuery, relativeTo: cluster.baseURL)?.absoluteURL))
        }

        func importCSV(_ cluster: ServiceCluster, _ name: String, _ csv: String, headers: [String: String],
                       contentType: String = "text/csv; charset=utf-8", byteOrderMark: Bool = false) async throws -> HTTP.Result {
            let body = (byteOrderMark ? Data([0xEF, 0xBB, 0xBF]) : Data()) + Data(csv.utf8)
            return try await HTTP.request(.post, cluster.url("/api/v1/catalogs/\(name)/import"), body: body,
                                          headers: headers.merging(["Content-Type": contentType]) { $1 })
        }

        func items(_ result: HTTP.Result) -> [[String: String]] {
            (result.json?["items"] as? [[String: Any]] ?? []).map { $0.compactMapValues { $0 as? String } }
        }

        func counts(_ result: HTTP.Result) -> [Int] {
            ["created", "updated", "unchanged"].map { result.json?[$0] as? Int ?? -1 }
        }

        func demoCatalogsArePublic(_ cluster: ServiceCluster) async throws {
            let ethnicities = try await get(cluster, "ethnicities?pageSize=100")
            #expect(ethnicities.status == 200)
            #expect(ethnicities.json?["total"] as? Int == 54)
            #expect(items(ethnicities).first == ["code": "01", "name": "Kinh", "otherNames": "Việt"])
            let second = try await get(cluster, "ethnicities?page=2&pageSize=10")
            #expect(items(second).map { $0["code"] ?? "" } == (11...20).map { String($0) })
            #expect(second.json?["page"] as? Int == 2 && second.json?["pageSize"] as? Int == 10)
            let mong = try await get(cluster, "ethnicities?q=hmong")
            #expect(items(mong).map { $0["name"] ?? "" } == ["Mông"], "q looks at the other names too")
            let ede = try await get(cluster, "ethnicities?q=%C3%8A-%C4%91%C3%AA")  // Ê-đê
            #expect(items(ede).map { $0["code"] ?? "" } == ["12"])
            let ward = try await get(cluster, "administrative-units?q=hoa%20binh")
            #expect(items(ward) == [["code": "30001", "name": "Phường Hòa Bình", "level": "commune", "parentCode": "H30"]],
                    "search ignores case and diacritics")
            let agencies = try await get(cluster, "agencies?q=tu%20phap")
            #expect(items(agencies).first?["code"] == "000.00.01.H30")
            #expect(try await get(cluster, "nationalities?q=VN").json?["total"] as? Int ?? 0 >= 1)
            let sectors = try await get(cluster, "sectors?q=G03-GD10")
            #expect(items(sectors).first?["ministry"] == "Bộ Giáo dục và Đào tạo")

            let unknown = try await get(cluster, "districts")
            #expect(unknown.status == 404 && unknown.contentType.hasPrefix("application/problem+json"))
            let detail = unknown.json?["detail"] as? String ?? ""
            #expect(detail.contains("administrative-units"))
            let badPaging = try await get(cluster, "ethnicities?pageSize=500")
            #expect(badPaging.status == 400 && badPaging.problemFields == ["pageSize"])
        }

        func importsNeedAnAdministratorAndCSV(_ cluster: ServiceCluster) async throws {
            let csv = "code,name\n\(run)-X,Không được nhập\n"
            #expect(try await importCSV(cluster, "document-types", csv, headers: [:]).status == 401, "anonymous")
            #expect(try await importCSV(cluster, "document-types", csv, headers: try await SignIns(cluster).headers("officer")).status == 403)
            let admin = try await SignIns(cluster).headers("admin")
            #expect(try await importCSV(cluster, "document-types", csv, headers: admin, contentType: "application/json").status == 415)
            #expect(try await importCSV(cluster, "document-types", csv, headers: admin, contentType: "text/csv; charset=windows-1258").status == 415)
            #expect(try await importCSV(cluster, "districts", csv, headers: admin).status == 404)
            var latin1 = Data("code,name\n\(run)-X,".utf8)
            latin1.append(0xE0)
            let notUTF8 = try await HTTP.request(.post, cluster.url("/api/v1/catalogs/document-types/import"), body: latin1,
                                                 headers: admin.merging(["Content-Type": "text/csv"]) { $1 })
            #expect(notUTF8.status == 400)
            let tooLarge = try await importCSV(cluster, "document-types", "code,name\n" + String(repeating: "A", count: 1 << 20),
                                               headers: admin)
            #expect(tooLarge.status == 413)
            #expect(try await get(cluster, "document-types?q=\(run)").json?["total"] as? Int == 0, "nothing was imported")
        }

        func changeEvents() async throws -> Int {
            try await withPostgres(role: "catalog") { client in
                try await client.integer("SELECT count(*)::int FROM catalog.outbox WHERE routing_key = 'catalog.shared-catalog.changed'")
            }
        }

        func importsCountAndRoundTrip(_ cluster: ServiceCluster) async throws {
            let admin = try await SignIns(cluster).headers("admin")
            let csv = """
                code,name,description\r
                \(run)-1,Giấy xác nhận tình trạng hôn nhân,"Mẫu mới, theo Thông tư 04/2024/TT-BTP"\r
                \(run)-2,Tờ khai đăng ký khai sinh,\r
                \(run)-3,"Sổ hộ khẩu \"\"cũ\"\"",Không còn giá trị từ 1/1/2023\r

                """
            let eventsBefore = try await changeEvents()
            let first = try await importCSV(cluster, "document-types", csv, headers: admin, byteOrderMark: true)
            #expect(first.status == 200)
            #expect(counts(first) == [3, 0, 0])
            #expect(first.json?["name"] as? String == "document-types" && first.json?["total"] as? Int == 3)
            #expect(try await changeEvents() == eventsBefore + 1)

            let again = try await importCSV(cluster, "document-types", csv, headers: admin, byteOrderMark: true)
            #expect(counts(again) == [0, 0, 3], "re-importing the same file changes nothing")
            #expect(try await changeEvents() == eventsBefore + 1, "and announces nothing")

            let changed = csv.replacingOccurrences(of: "Tờ khai đăng ký khai sinh", with: "Tờ khai đăng ký khai sinh (mẫu mới)")
                + "\(run)-4,Giấy ủy quyền,\n"
            let next = try await importCSV(cluster, "document-types", changed, headers: admin)
            #expect(counts(next) == [1, 1, 2])
            #expect(try await changeEvents() == eventsBefore + 2)

            let listed = try await get(cluster, "document-types?q=\(run)&pageSize=3")
            #expect(listed.json?["total"] as? Int == 4)
            #expect(items(listed) == [
                ["code": "\(run)-1", "name": "Giấy xác nhận tình trạng hôn nhân", "description": "Mẫu mới, theo Thông tư 04/2024/TT-BTP"],
                ["code": "\(run)-2", "name": "Tờ khai đăng ký khai sinh (mẫu mới)"],
                ["code": "\(run)-3", "name": "Sổ hộ khẩu \"cũ\"", "description": "Không còn giá trị từ 1/1/2023"],
            ], "Vietnamese text, quotes and commas round-trip; the BOM is not part of the first column")
            let published = await eventually(timeout: .seconds(10), every: .milliseconds(100)) {
                (try? await withPostgres(role: "catalog") { client in
                    try await client.integer("""
                        SELECT count(*)::int FROM catalog.outbox
                        WHERE routing_key = 'catalog.shared-catalog.changed' AND published_at IS NULL
                        """)
                }) == 0
            }
            #expect(published, "the relay publishes the events")
        }

        func aBadLineImportsNothing(_ cluster: ServiceCluster) async throws {
            let admin = try await SignIns(cluster).headers("admin")
            let csv = """
                code,name,description
                \(run)-1,Đổi tên không được lưu,"một mô tả
                trên hai dòng"
                \(run)-5,Mới nhưng không được lưu,
                \(run.lowercased())-6,Mã viết thường,
                \(run)-7,Hợp lệ,
                """
            let refused = try await importCSV(cluster, "document-types", csv, headers: admin)
            #expect(refused.status == 400)
            #expect(refused.problemFields == ["line 5: code"], "lines are counted in the file, quoted line breaks included")
            let listed = try await get(cluster, "document-types?q=\(run)")
            #expect(listed.json?["total"] as? Int == 4, "nothing was imported")
            #expect(items(listed).first?["name"] == "Giấy xác nhận tình trạng hôn nhân")

            let many = try await importCSV(cluster, "administrative-units",
                                           "code,name,level,parentCode\nH30,Tỉnh Demo,district,\n99,Xã,commune,H30\n30001,,commune,H30\n",
                                           headers: admin)
            #expect(many.problemFields == ["line 2: level", "line 3: code", "line 4: name"], "every error at once")
            #expect(try await importCSV(cluster, "ethnicities", "ma,ten\n01,Kinh\n", headers: admin).problemFields
                    == ["line 1: ma", "line 1: ten", "line 1: code", "line 1: name"], "the header names the catalog's columns")
        }

        func referencesMustExist(_ cluster: ServiceCluster) async throws {
            let admin = try await SignIns(cluster).headers("admin")
            let units = try await importCSV(cluster, "administrative-units",
                                            "code,name,level,parentCode\n39001,Xã Không Tỉnh,commune,Z99\n", headers: admin)
            #expect(units.status == 400 && units.problemFields == ["line 2: parentCode"])
            let agencies = try await importCSV(cluster, "agencies", """
                code,name,parentCode,administrativeUnit
                000.00.31.H30,Ủy ban nhân dân xã Phú Mỹ,000.00.00.H30,30004
                000.00.32.H30,Không có cấp trên,000.00.99.H30,30004
                000.00.33.H30,Không có địa bàn,000.00.00.H30,30999
                """, headers: admin)
            #expect(agencies.status == 400 && agencies.problemFields == ["line 3: parentCode", "line 4: administrativeUnit"])
            #expect(try await get(cluster, "agencies?q=000.00.31.H30").json?["total"] as? Int == 0)
        }
    }
}
