import Forms
import Foundation
import Testing

private let numbers = ["01", "02", "03", "04", "05", "06", "07"]

@Suite struct PDFFormTests {
    @Test(arguments: numbers)
    func carriesVietnameseTextAndAReadableQRCode(_ number: String) throws {
        let data = Sample.data(number)
        let pdf = try FormRenderer.pdf(data)
        #expect(pdf.starts(with: Array("%PDF-".utf8)))
        let probe = try PDFProbe(pdf)
        let text = try probe.text()
        #expect(text.contains(Sample.code))
        #expect(text.contains(Sample.name))
        #expect(text.contains(Sample.titles[number]!))
        #expect(text.contains("Mẫu số \(number)"))
        #expect(text.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
        #expect(text.contains("Độc lập - Tự do - Hạnh phúc"))
        #expect(text.contains("Hà Nội, ngày 25 tháng 11 năm 2026"))
        #expect(try probe.qrOnFirstPage() == FormRenderer.qrPayload(data))
        #expect(try probe.pages() == 1)
    }

    @Test func pageSizesAreA5PortraitAndA4LandscapeForTheRegister() throws {
        let a5 = try PDFProbe(FormRenderer.pdf(Sample.data("01"))).pageSize()
        #expect(abs(a5.width - 419.53) < 0.5 && abs(a5.height - 595.28) < 0.5)
        let a4 = try PDFProbe(FormRenderer.pdf(Sample.data("07"))).pageSize()
        #expect(abs(a4.width - 841.89) < 0.5 && abs(a4.height - 595.28) < 0.5)
    }

    @Test func embedsDejaVuSans() throws {
        let fonts = try PDFProbe(FormRenderer.pdf(Sample.data("01"))).fonts()
        #expect(fonts.contains("DejaVuSans"))
    }

    @Test func formContentsAppearInThePDF() throws {
        let receipt = try PDFProbe(FormRenderer.pdf(Sample.data("01"))).text()
        #expect(receipt.contains("Giấy chứng sinh do cơ sở y tế cấp"))
        #expect(receipt.contains("25/11/2026 09:10"))
        #expect(receipt.contains("27/11/2026 16:30"))
        #expect(receipt.contains("Trực tiếp"))
        #expect(receipt.contains("CÁN BỘ TIẾP NHẬN"))
        #expect(receipt.contains("Trần Quốc Tuấn"))

        let apology = try PDFProbe(FormRenderer.pdf(Sample.data("04"))).text()
        #expect(apology.contains("02/12/2026 16:30"))
        #expect(apology.contains("Cần xác minh thông tin nơi cư trú"))

        let control = try PDFProbe(FormRenderer.pdf(Sample.data("06"))).rawText()
        for label in ["Đúng hạn", "Quá hạn", "Trước hạn", "Đang xử lý", "Thẩm định hồ sơ"] {
            #expect(control.contains(label), "\(label)")
        }
    }

    @Test func longTablesContinueOnFurtherPages() throws {
        var data = Sample.data("06")
        let start = Sample.vietnam(2026, 11, 25, 8, 0)
        data.timeline = (1...60).map { index in
            FormData.TimelineEntry(
                step: "Bước xử lý số \(index)", from: "Chuyên viên \(index)", to: "Chuyên viên \(index + 1)",
                at: start.addingTimeInterval(Double(index) * 1800), onTime: true, note: "Ghi chú \(index)")
        }
        let probe = try PDFProbe(FormRenderer.pdf(data))
        let pages = try probe.pages()
        #expect(pages > 1)
        let text = try probe.rawText()
        #expect(text.contains("Bước xử lý số 1 "))
        #expect(text.contains("Bước xử lý số 60"))
        #expect(text.contains("Trang \(pages)/\(pages)"))
        #expect(try probe.qrOnFirstPage() == FormRenderer.qrPayload(data))

        var register = Sample.data("07")
        register.register = (1...80).map { index in
            FormData.RegisterRow(dossierCode: "000.00.01.H30-261125-\(String(format: "%04d", index))",
                                 procedureName: "Đăng ký khai sinh", applicantName: "Người nộp \(index)", status: "Đang xử lý")
        }
        #expect(try PDFProbe(FormRenderer.pdf(register)).pages() > 1)
    }

    @Test func markupInDataIsShownAsText() throws {
        var data = Sample.data("03")
        data.applicantName = "<script>alert('x')</script> & <b>Lê</b>"
        let text = try PDFProbe(FormRenderer.pdf(data)).text()
        #expect(text.contains("<script>alert('x')</script> & <b>Lê</b>"))
    }

    @Test func sameDataGivesTheSameBytes() throws {
        #expect(try FormRenderer.pdf(Sample.data("01")) == FormRenderer.pdf(Sample.data("01")))
    }

    @Test func rendersFromManyTasksAtOnce() async throws {
        let sizes = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<8 {
                group.addTask { try FormRenderer.pdf(Sample.data(numbers[index % numbers.count])).count }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(sizes.count == 8)
        #expect(sizes.allSatisfy { $0 > 1000 })
    }
}

@Suite struct HTMLFormTests {
    @Test(arguments: numbers)
    func hasTitleCodeNameQRAndPageSize(_ number: String) throws {
        let html = try FormRenderer.html(Sample.data(number))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.contains(Sample.titles[number]!))
        #expect(html.contains(Sample.code))
        #expect(html.contains(Sample.name))
        #expect(html.contains("Mẫu số \(number)"))
        #expect(html.contains("<svg"))
        #expect(html.contains("Hà Nội, ngày 25 tháng 11 năm 2026"))
        if number == "07" {
            #expect(html.contains("@page { size: A4 landscape;"))
        } else {
            #expect(html.contains("@page { size: A5 portrait;"))
        }
    }

    @Test func svgDrawsTheQRMatrix() throws {
        let data = Sample.data("01")
        let html = try FormRenderer.html(data)
        let matrix = try QRMatrix.encode(FormRenderer.qrPayload(data))
        let side = matrix.size + 8
        #expect(html.contains("viewBox=\"0 0 \(side) \(side)\""))
        // Every "M<x> <y>h<n>" run of the path, back into modules (4-module quiet zone).
        let path = try #require(html.split(separator: " d=\"").dropFirst().first?.split(separator: "\"").first)
        var dark = Set<[Int]>()
        for command in path.split(separator: "M").map(String.init) {
            let numbers = command.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
            try #require(numbers.count >= 3)
            for x in numbers[0]..<(numbers[0] + numbers[2]) {
                dark.insert([x - 4, numbers[1] - 4])
            }
        }
        for y in 0..<matrix.size {
            for x in 0..<matrix.size {
                #expect(dark.contains([x, y]) == matrix.isDark(x: x, y: y))
            }
        }
    }

    @Test func escapesData() throws {
        var data = Sample.data("02")
        data.applicantName = "<script>alert(\"x\")</script>"
        data.missingItems = ["Bản sao <img src=x onerror=alert(1)> & 'khác'"]
        data.dossierCode = "A&B"
        let html = try FormRenderer.html(data)
        #expect(!html.contains("<script>"))
        #expect(!html.contains("<img"))
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"))
        #expect(html.contains("Bản sao &lt;img src=x onerror=alert(1)&gt; &amp; &#39;khác&#39;"))
        #expect(html.contains("A&amp;B"))
    }

    @Test func listsEveryMissingItemNumbered() throws {
        var data = Sample.data("02")
        data.missingItems = (1...12).map { "Giấy tờ thứ \($0)" }
        let html = try FormRenderer.html(data)
        for index in 1...12 {
            #expect(html.contains("\(index). Giấy tờ thứ \(index)<"))
        }
    }

    @Test func showsTimesInVietnamTime() throws {
        var data = Sample.data("01")
        data.issuedAt = ISO8601DateFormatter().date(from: "2026-11-24T17:30:00Z")!  // 00:30 on 25/11 in Vietnam
        data.receivedAt = ISO8601DateFormatter().date(from: "2026-11-24T17:05:00Z")!
        data.dueAt = ISO8601DateFormatter().date(from: "2026-12-31T16:59:00Z")!
        let html = try FormRenderer.html(data)
        #expect(html.contains("ngày 25 tháng 11 năm 2026"))
        #expect(html.contains("25/11/2026 00:05"))
        #expect(html.contains("31/12/2026 23:59"))

        data.issuedAt = Sample.vietnam(2027, 1, 5, 8)
        #expect(try FormRenderer.html(data).contains("ngày 05 tháng 01 năm 2027"))
        data.issuedAt = Sample.vietnam(2026, 3, 9, 8)
        #expect(try FormRenderer.html(data).contains("ngày 09 tháng 3 năm 2026"))
    }

    @Test func withoutAPlaceTheLineKeepsADottedBlank() throws {
        var data = Sample.data("05")
        data.place = nil
        #expect(try FormRenderer.html(data).contains("……………, ngày 25 tháng 11 năm 2026"))
    }

    @Test func normalisesDecomposedVietnamese() throws {
        var data = Sample.data("03")
        data.applicantName = Sample.name.decomposedStringWithCanonicalMapping
        let html = try FormRenderer.html(data)
        #expect(html.utf8.contains(Array(Sample.name.precomposedStringWithCanonicalMapping.utf8)))
    }
}

@Suite struct FormErrorTests {
    @Test(arguments: ["08", "00", "1", "", "7 "])
    func unknownFormNumbersAreRejected(_ number: String) {
        var data = Sample.data("01")
        data.formNumber = number
        #expect(throws: FormError.unknownForm(number)) { try FormRenderer.html(data) }
        #expect(throws: FormError.unknownForm(number)) { try FormRenderer.pdf(data) }
    }
}

@Suite struct QRTests {
    @Test(arguments: [1, 20, 60, 120, 400, 1000])
    func sizeIsAValidVersionSize(_ length: Int) throws {
        let matrix = try QRMatrix.encode(String(repeating: "a", count: length))
        #expect(matrix.size >= 21 && matrix.size <= 177)
        #expect((matrix.size - 21) % 4 == 0)
    }

    @Test func hasFinderPatterns() throws {
        let matrix = try QRMatrix.encode(FormRenderer.qrPayload(Sample.data("01")))
        let n = matrix.size
        for (x0, y0) in [(0, 0), (n - 7, 0), (0, n - 7)] {
            #expect(matrix.isDark(x: x0, y: y0))
            #expect(matrix.isDark(x: x0 + 6, y: y0 + 6))
            #expect(!matrix.isDark(x: x0 + 1, y: y0 + 1))
            #expect(matrix.isDark(x: x0 + 3, y: y0 + 3))
        }
        #expect(!matrix.isDark(x: -1, y: 0))
        #expect(!matrix.isDark(x: n, y: 0))
    }

    @Test func rejectsWhatCannotBeEncoded() {
        #expect(throws: FormError.self) { try QRMatrix.encode("") }
        #expect(throws: FormError.self) { try QRMatrix.encode(String(repeating: "x", count: 4000)) }
    }

    @Test func payloadHoldsCodeProcedureAndApplicant() {
        var data = Sample.data("01")
        #expect(FormRenderer.qrPayload(data) == "onegate:v1|000.00.01.H30-261125-0001|1.001193|001203004567")
        data.applicantIdNumber = " 01|02%3 "
        #expect(FormRenderer.qrPayload(data) == "onegate:v1|000.00.01.H30-261125-0001|1.001193|01%7C02%253")
    }
}

@Suite struct FormDataTests {
    @Test func roundTripsThroughJSON() throws {
        let data = Sample.data("06")
        let encoded = try JSONEncoder().encode(data)
        #expect(try JSONDecoder().decode(FormData.self, from: encoded) == data)
    }
}
