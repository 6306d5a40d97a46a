import Domain
import Foundation
import Testing
@testable import OnegateWeb

@Suite struct CatalogTests {
    static func resources() async throws -> WebResources { try await WebResources.load() }

    @Test func bothCatalogsHaveTheSameKeys() async throws {
        let resources = try await Self.resources()
        let vi = Set(resources.catalog(.vi).messages.keys)
        let en = Set(resources.catalog(.en).messages.keys)
        #expect(vi.subtracting(en).sorted() == [], "keys only in vi")
        #expect(en.subtracting(vi).sorted() == [], "keys only in en")
        #expect(vi.count > 100)
        for (key, value) in resources.catalog(.vi).messages { #expect(!value.isEmpty, "vi \(key) is empty") }
        for (key, value) in resources.catalog(.en).messages { #expect(!value.isEmpty, "en \(key) is empty") }
    }

    @Test func everyKeyTheTemplatesNameIsInTheCatalogs() async throws {
        let resources = try await Self.resources()
        let templates = try FileManager.default.contentsOfDirectory(atPath: Self.templateFolder.path)
        var named = Set<String>()
        for name in templates where name.hasSuffix(".mustache") {
            let text = try String(contentsOf: Self.templateFolder.appendingPathComponent(name), encoding: .utf8)
            for match in text.matches(of: /\{\{\s*t\.([a-z0-9_]+)\s*\}\}/) { named.insert(String(match.output.1)) }
        }
        #expect(!named.isEmpty)
        for key in named.sorted() { #expect(resources.catalog(.vi).messages[key] != nil, "template names \(key)") }
    }

    @Test func areaFilesAreMergedAndAKeyDefinedTwiceIsRefused() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("catalogs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(#"{"a": "một"}"#.utf8).write(to: folder.appendingPathComponent("vi.json"))
        try Data(#"{"b": "hai"}"#.utf8).write(to: folder.appendingPathComponent("vi.intake.json"))
        try Data(#"{"a": "one"}"#.utf8).write(to: folder.appendingPathComponent("en.json"))
        let vi = try MessageCatalog.load(.vi, fromFolder: folder)
        #expect(vi.messages == ["a": "một", "b": "hai"])
        #expect(try MessageCatalog.load(.en, fromFolder: folder).messages == ["a": "one"])
        try Data(#"{"a": "lại"}"#.utf8).write(to: folder.appendingPathComponent("vi.admin.json"))
        #expect(throws: WebResourceError.self) { try MessageCatalog.load(.vi, fromFolder: folder) }
    }

    /// The templates as shipped in the module's sources.
    static var templateFolder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Services/Web/Templates")
    }

    @Test func vietnameseStatusNamesAreTheLawsAndEveryStatusHasGuidance() async throws {
        let resources = try await Self.resources()
        for status in NationalStatus.allCases {
            #expect(resources.catalog(.vi)["status_name_\(status.rawValue)"] == status.vietnameseName)
            for language in Language.allCases {
                #expect(resources.catalog(language).messages[StatusPresentation.guidanceKey(status)] != nil)
                #expect(resources.catalog(language).messages["status_name_\(status.rawValue)"] != nil)
            }
        }
    }

    @Test func vietnameseHasItsDiacritics() async throws {
        let vi = try await Self.resources().catalog(.vi)
        #expect(vi["nav_track"] == "Tra cứu hồ sơ")
        #expect(vi["submit_online"] == "Nộp trực tuyến")
        #expect(vi.format("due_at", ["time": "17:00", "date": "04/12/2026"]) == "Hẹn trả: 17:00 ngày 04/12/2026")
    }

    @Test func templatesRenderAndEscape() async throws {
        let resources = try await Self.resources()
        let chrome = PageChrome(catalog: resources.catalog(.vi), path: "/", query: [("q", "hộ tịch")], csrfToken: "x",
                                userName: "<b>An</b>", requestID: "r1")
        let html = try #require(resources.render("error", chrome.view(title: "T", ["heading": "<script>alert(1)</script>", "text": "x"])))
        #expect(html.contains("<html lang=\"vi\">"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!html.contains("<script>alert"))
        #expect(html.contains("&lt;b&gt;An&lt;/b&gt;"))
        #expect(html.contains("href=\"/?q=h%E1%BB%99%20t%E1%BB%8Bch&amp;lang=en\""))
        #expect(!html.contains("style=") && !html.contains("<style") && !html.contains("onclick"))
    }

    @Test func assetsAreThere() async throws {
        let resources = try await Self.resources()
        #expect(resources.assets["onegate.css"]?.contentType == "text/css; charset=utf-8")
        #expect(resources.assets["onegate.js"] != nil)
        #expect(resources.assets["emblem.svg"]?.contentType == "image/svg+xml")
    }
}
