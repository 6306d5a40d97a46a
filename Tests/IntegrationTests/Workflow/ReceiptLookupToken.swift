import Foundation
import Testing

extension Integration.WorkflowTests {
    /// Form 01 rendered with the submission's lookup token prints the token and a QR code that
    /// decodes (zbar) to the public status page, whose token intake/processing accept; a wrong
    /// token, or a token on another form, is refused; without it form 01 is as before.
    func receiptWithLookupToken(_ desk: Desk) async throws {
        let applicant = "Lê Thị Quỳnh Hương"
        let (code, token) = try await desk.submission(channel: "direct", as: "officer", applicant: applicant)
        try await desk.bringIntoHandling(code, received: true)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("onegate-receipt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        let pdf = try await desk.get("/api/v1/dossiers/\(code)/forms/01?format=pdf&token=\(token)", as: "officer")
        #expect(pdf.status == 200, "form 01 with the token: \(String(decoding: pdf.body.prefix(400), as: UTF8.self))")
        let file = directory.appendingPathComponent("01.pdf")
        try pdf.body.write(to: file)
        let text = try Shell.run("/usr/bin/pdftotext", ["-layout", file.path, "-"])
        #expect(text.contains("Mã tra cứu hồ sơ") && text.contains(token), "form 01 prints the token: \(text)")
        #expect(text.contains(applicant), "the Vietnamese name intact")
        let page = directory.appendingPathComponent("01-page")
        try Shell.run("/usr/bin/pdftoppm", ["-r", "200", "-png", "-f", "1", "-l", "1", "-singlefile", file.path, page.path])
        if let keep = ProcessInfo.processInfo.environment["ONEGATE_KEEP_RECEIPT_PNG"] {
            try? FileManager.default.removeItem(atPath: keep)
            try FileManager.default.copyItem(atPath: page.path + ".png", toPath: keep)
        }
        let decoded = try Shell.run("/usr/bin/zbarimg", ["--quiet", "--raw", page.path + ".png"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let url = try #require(URL(string: decoded), "QR: \(decoded)")
        #expect(url.path == "/track/\(code)", "QR: \(decoded)")
        #expect(url.query == "token=\(token)", "QR: \(decoded)")
        // The address works: the status page (for a browser) and the API both accept its token.
        let pathAndQuery = "\(url.path)?\(url.query ?? "")"
        let statusPage = try await HTTP.request(.get, desk.cluster.url(pathAndQuery), headers: ["Accept": "text/html"])
        #expect(statusPage.status == 200 && String(decoding: statusPage.body, as: UTF8.self).contains(code), "status page \(statusPage.status)")
        let api = try await HTTP.request(.get, desk.cluster.url("/api/v1/dossiers/\(code)?token=\(token)"), headers: [:])
        #expect(api.status == 200, "lookup by the printed token: \(api.status)")

        let wrong = try await desk.get("/api/v1/dossiers/\(code)/forms/01?token=AAAAAAAAAAAAAAAAAAAAAA", as: "officer")
        #expect(wrong.status == 400 && String(decoding: wrong.body, as: UTF8.self).contains("token"), "a wrong token: \(wrong.status)")
        let elsewhere = try await desk.get("/api/v1/dossiers/\(code)/forms/06?token=\(token)", as: "officer")
        #expect(elsewhere.status == 400, "a token on form 06: \(elsewhere.status)")
        // The token is not kept with the issued form: without it, form 01 carries no token.
        let plain = try await desk.get("/api/v1/dossiers/\(code)/forms/01?format=html", as: "officer")
        #expect(plain.status == 200 && !String(decoding: plain.body, as: UTF8.self).contains(token), "form 01 without the token")
    }
}
