import Foundation
import Testing

extension Integration.WorkflowTests {
    /// Forms 01–07 through the gateway: the PDF's text keeps the code and the Vietnamese name, and
    /// the QR code decodes (zbar) to the dossier code, procedure code and applicant id.
    func printedForms(_ desk: Desk) async throws {
        let applicant = "Nguyễn Thị Hồng Nhung"
        let code = try await desk.submit(channel: "direct", as: "officer", applicant: applicant)
        try await desk.bringIntoHandling(code, received: true)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("onegate-forms-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for number in ["01", "06", "07"] {
            let pdf = try await desk.get("/api/v1/dossiers/\(code)/forms/\(number)", as: "officer", accept: "application/pdf")
            #expect(pdf.status == 200, "form \(number)")
            #expect(pdf.contentType == "application/pdf", "form \(number)")
            let file = directory.appendingPathComponent("\(number).pdf")
            try pdf.body.write(to: file)
            let text = try Shell.run("/usr/bin/pdftotext", ["-layout", file.path, "-"])
            #expect(text.contains(code), "form \(number) text: \(text.prefix(300))")
            #expect(text.contains(applicant), "form \(number) keeps the Vietnamese name")
            let page = directory.appendingPathComponent("\(number)-page")
            try Shell.run("/usr/bin/pdftoppm", ["-r", "200", "-png", "-f", "1", "-l", "1", "-singlefile", file.path, page.path])
            let decoded = try Shell.run("/usr/bin/zbarimg", ["--quiet", "--raw", page.path + ".png"])
                .trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(decoded.contains(code) && decoded.contains(Desk.birth) && decoded.contains("001186012345"),
                    "form \(number) QR: \(decoded)")
        }
        let html = try await desk.get("/api/v1/dossiers/\(code)/forms/01?format=html", as: "citizen")
        #expect(html.status == 404)  // a counter dossier has no online owner: the citizen sees nothing
        let printable = try await desk.get("/api/v1/dossiers/\(code)/forms/01", as: "officer")
        #expect(printable.contentType.hasPrefix("text/html"))
        #expect(String(decoding: printable.body, as: UTF8.self).contains("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"))
        #expect(try await desk.get("/api/v1/dossiers/\(code)/forms/04", as: "officer").status == 404)  // never issued
        // Forms 06 and 07 are the agency's own records (07 lists the day's other applicants): its
        // applicant prints their receipt, not those.
        let own = try await desk.submit(applicant: "Trần Thị Riêng Tư")
        try await desk.act(own, "receive", as: "officer")
        #expect(try await desk.get("/api/v1/dossiers/\(own)/forms/01", as: "citizen").status == 200, "the applicant's own receipt")
        for number in ["06", "07"] {
            let refused = try await desk.get("/api/v1/dossiers/\(own)/forms/\(number)", as: "citizen")
            #expect(refused.status == 403, "form \(number) to the applicant: \(refused.status)")
            #expect(refused.contentType.hasPrefix("application/problem+json"), "form \(number): \(refused.contentType)")
            #expect(!String(decoding: refused.body, as: UTF8.self).contains(applicant), "form \(number) names no other applicant")
            #expect(try await desk.get("/api/v1/dossiers/\(own)/forms/\(number)", as: "officer").status == 200, "form \(number) to staff")
        }
    }
}
