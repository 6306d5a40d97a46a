import Foundation
import Testing
@testable import OnegateWeb

/// The escaping every template prints values with, and the catalog's placeholders.
@Suite struct HTMLEscapingTests {
    @Test func escapesTheFiveCharactersAndNothingElse() {
        #expect(HTMLEscaping.escape(#"<script>alert("x" & 'y')</script>"#)
            == "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;")
        let vietnamese = "Nguyễn Thị Hồng Nhung — Đăng ký khai sinh, hộ tịch"
        #expect(HTMLEscaping.escape(vietnamese) == vietnamese)
        #expect(HTMLEscaping.escape("") == "")
        // A combining mark after "<" makes one grapheme cluster; it is escaped all the same.
        #expect(HTMLEscaping.escape("<\u{301}b>") == "&lt;\u{301}b&gt;")
        #expect(HTMLEscaping.escape("Điều 5 < Điều 6") == "Điều 5 &lt; Điều 6")
    }

    @Test func everyTemplateEscapesWithIt() async throws {
        let resources = try await WebResources.load()
        let catalog = resources.catalog(.vi)
        let chrome = PageChrome(catalog: catalog, path: "/track", query: [], csrfToken: "t", userName: nil, requestID: "r")
        let html = try #require(resources.render("track-lookup", chrome.view(title: "<b>", [
            "code": #"<img src=x onerror="alert(1)">"#, "token": "a'b", "hasErrors": false, "errors": [[String: Any]](),
        ])))
        #expect(html.contains("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"))
        #expect(!html.contains("<img src=x"))
        #expect(html.contains("<title>&lt;b&gt;") || html.contains("&lt;b&gt;"))
        #expect(!html.contains("CONTENT_TYPE"), "the pragma prints nothing")
        #expect(html.lowercased().hasPrefix("<!doctype html>"), "nothing before the doctype: \(html.prefix(40))")
    }

    @Test func placeholdersAreFilledOnce() {
        #expect(MessageCatalog.fill("Hồ sơ {code} của {name}", ["code": "A-1", "name": "{code}"]) == "Hồ sơ A-1 của {code}")
        #expect(MessageCatalog.fill("{missing} và {code}", ["code": "X"]) == "{missing} và X")
        #expect(MessageCatalog.fill("không có chỗ trống", ["code": "X"]) == "không có chỗ trống")
        #expect(MessageCatalog.fill("mở { mà không đóng", ["code": "X"]) == "mở { mà không đóng")
        #expect(MessageCatalog.fill("{code}{code}", ["code": "ệ"]) == "ệệ")
    }
}
