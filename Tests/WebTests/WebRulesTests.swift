import Foundation
import Testing
@testable import OnegateWeb

@Suite struct WebRulesTests {
    @Test func languageNegotiation() {
        #expect(Language.negotiate(query: "en", cookie: "vi", acceptLanguage: "vi") == .en)
        #expect(Language.negotiate(query: nil, cookie: "en", acceptLanguage: "vi") == .en)
        #expect(Language.negotiate(query: "fr", cookie: nil, acceptLanguage: "en-GB,en;q=0.9,vi;q=0.8") == .en)
        #expect(Language.negotiate(query: nil, cookie: nil, acceptLanguage: "fr-FR, vi;q=0.5, en;q=0.4") == .vi)
        #expect(Language.negotiate(query: nil, cookie: nil, acceptLanguage: "en;q=0, fr") == .vi)
        #expect(Language.negotiate(query: nil, cookie: nil, acceptLanguage: nil) == .vi)
    }

    @Test func csrfTokensMatchOnlyThemselves() {
        let token = CSRFToken.generate()
        #expect(token.count == 43)
        #expect(CSRFToken.matches(cookie: token, field: token))
        #expect(!CSRFToken.matches(cookie: token, field: nil))
        #expect(!CSRFToken.matches(cookie: nil, field: token))
        #expect(!CSRFToken.matches(cookie: token, field: CSRFToken.generate()))
        #expect(!CSRFToken.matches(cookie: "short", field: "short"))
        #expect(CSRFToken.generate() != CSRFToken.generate())
    }

    @Test func cookies() {
        #expect(Cookies.parse("a=1; b=x=y;c=3; a=2") == ["a": "1", "b": "x=y", "c": "3"])
        #expect(Cookies.set("og_session", "v", maxAge: 900, secure: true) == "og_session=v; Path=/; HttpOnly; SameSite=Lax; Max-Age=900; Secure")
        #expect(Cookies.set("og_csrf", "v", maxAge: nil, sameSite: "Strict", secure: false) == "og_csrf=v; Path=/; HttpOnly; SameSite=Strict")
    }

    @Test func formBodies() {
        let form = FormBody(encoded: "username=citizen&password=a%2Bb+c&next=%2Ftrack&empty=&username=other")
        #expect(form["username"] == "citizen")
        #expect(form["password"] == "a+b c")
        #expect(form["next"] == "/track")
        #expect(form["empty"] == "")
        #expect(form["missing"] == nil)
    }

    @Test func vietnamTime() {
        // 2026-12-04T10:00:00Z is 17:00 in Hanoi.
        let date = Date(timeIntervalSince1970: 1_796_378_400)
        #expect(VietnamTime.dateTime(date) == "04/12/2026 17:00")
        #expect(VietnamTime.iso(date) == "2026-12-04T17:00:00+07:00")
        // Seconds kept; 17:00:05Z is already the next day in Hanoi.
        #expect(VietnamTime.iso(date.addingTimeInterval(7 * 3600 + 5)) == "2026-12-05T00:00:05+07:00")
    }

    @Test func onlyLocalPathsAreReturnedTo() {
        #expect(LocalPath.safe("/track?code=1") == "/track?code=1")
        #expect(LocalPath.safe("/") == "/")
        for hostile in ["//evil.example/", "/\\evil.example", "https://evil.example/", "evil", "", "/\tpath", "/a\nb"] {
            #expect(LocalPath.safe(hostile) == "/", "\(hostile)")
        }
        #expect(LocalPath.safe(nil) == "/")
    }

    @Test func money() {
        #expect(Money.dong(0) == "0 đ")
        #expect(Money.dong(50_000) == "50.000 đ")
        #expect(Money.dong(1_250_000) == "1.250.000 đ")
    }

    @Test func securityHeaders() {
        let csp = SecurityHeaders.contentSecurityPolicy
        #expect(csp.hasPrefix("default-src 'self'"))
        #expect(csp.contains("frame-ancestors 'none'"))
        #expect(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"))
    }
}
