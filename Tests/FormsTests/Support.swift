import Forms
import Foundation

/// Runs a command-line tool (poppler-utils, zbar-tools) found on PATH and returns its standard output.
enum Tool {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func run(_ name: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [name] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(name) \(arguments.joined(separator: " ")) exited with \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}

/// A temporary directory removed when the value goes away.
final class Scratch {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("forms-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    func write(_ bytes: [UInt8], as name: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try Data(bytes).write(to: file)
        return file.path
    }

    func path(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }
}

/// What the tools see in a rendered PDF.
struct PDFProbe {
    let path: String
    let scratch: Scratch

    init(_ bytes: [UInt8]) throws {
        scratch = try Scratch()
        path = try scratch.write(bytes, as: "form.pdf")
    }

    /// `pdftotext -layout`, with runs of whitespace folded to one space (columns and wrapped lines).
    func text() throws -> String {
        try Tool.run("pdftotext", ["-layout", "-enc", "UTF-8", path, "-"])
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// `pdftotext -raw` (content-stream order: a wrapped table cell stays together), whitespace folded.
    func rawText() throws -> String {
        try Tool.run("pdftotext", ["-raw", "-enc", "UTF-8", path, "-"])
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The first page at 200 dpi, decoded by zbarimg.
    func qrOnFirstPage() throws -> String {
        let prefix = scratch.path("page")
        _ = try Tool.run("pdftoppm", ["-r", "200", "-png", "-f", "1", "-l", "1", "-singlefile", path, prefix])
        return try Tool.run("zbarimg", ["--quiet", "--raw", prefix + ".png"])
            .trimmingCharacters(in: .newlines)
    }

    func pages() throws -> Int {
        let info = try Tool.run("pdfinfo", [path])
        for line in info.split(separator: "\n") where line.hasPrefix("Pages:") {
            return Int(line.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces)) ?? 0
        }
        return 0
    }

    /// Page size in points, from pdfinfo ("Page size: 419.53 x 595.28 pts (A5)").
    func pageSize() throws -> (width: Double, height: Double) {
        let info = try Tool.run("pdfinfo", [path])
        for line in info.split(separator: "\n") where line.hasPrefix("Page size:") {
            let numbers = line.split(separator: " ").compactMap { Double($0) }
            if numbers.count >= 2 { return (numbers[0], numbers[1]) }
        }
        return (0, 0)
    }

    func fonts() throws -> String {
        try Tool.run("pdffonts", [path])
    }
}

/// Sample dossiers; times are given in Vietnam time (UTC+7).
enum Sample {
    static let code = "000.00.01.H30-261125-0001"
    static let name = "Nguyễn Thị Hồng Nhung"

    static func vietnam(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0) -> Date {
        var components = DateComponents()
        components.year = year
        components.month = month
        components.day = day
        components.hour = hour
        components.minute = minute
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 7 * 3600)!
        return calendar.date(from: components)!
    }

    static let titles = [
        "01": "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        "02": "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        "03": "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
        "04": "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
        "05": "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ",
        "06": "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
        "07": "SỔ THEO DÕI HỒ SƠ",
    ]

    static func data(_ number: String) -> FormData {
        var data = FormData(
            formNumber: number,
            dossierCode: code,
            procedureCode: "1.001193",
            procedureName: "Đăng ký khai sinh",
            agencyName: "Ủy ban nhân dân phường Hoàn Kiếm",
            deskName: "Bộ phận Một cửa",
            applicantName: name,
            applicantIdNumber: "001203004567",
            applicantAddress: "Số 12 phố Hàng Bạc, phường Hoàn Kiếm, Hà Nội",
            applicantPhone: "0912 345 678",
            applicantEmail: "nhung@example.vn",
            issuedAt: vietnam(2026, 11, 25, 9, 15),
            receivedAt: vietnam(2026, 11, 25, 9, 10),
            dueAt: vietnam(2026, 11, 27, 16, 30),
            officerName: "Trần Quốc Tuấn",
            officerTitle: "Cán bộ tiếp nhận",
            place: "Hà Nội"
        )
        switch number {
        case "01":
            data.components = [
                .init(name: "Tờ khai đăng ký khai sinh theo mẫu", originals: 1, copies: 0),
                .init(name: "Giấy chứng sinh do cơ sở y tế cấp", originals: 1, copies: 0),
                .init(name: "Giấy chứng nhận kết hôn của cha, mẹ", originals: 0, copies: 1),
            ]
            data.returnChannel = "Trực tiếp"
        case "02":
            data.missingItems = [
                "Giấy chứng sinh do cơ sở y tế cấp (bản chính)",
                "Văn bản ủy quyền có chứng thực, nếu người đi đăng ký không phải cha, mẹ của trẻ",
            ]
            data.officerTitle = "Người hướng dẫn"
        case "03":
            data.reasons = ["Thủ tục không thuộc thẩm quyền giải quyết của Ủy ban nhân dân phường."]
        case "04":
            data.reasons = ["Cần xác minh thông tin nơi cư trú của người mẹ tại địa phương khác."]
            data.newDueAt = vietnam(2026, 12, 2, 16, 30)
            data.officerTitle = "Chủ tịch"
            data.officerName = "Lê Thị Minh Hằng"
        case "05":
            data.reasons = ["Người yêu cầu có văn bản đề nghị dừng giải quyết hồ sơ."]
            data.officerTitle = "Chủ tịch"
        case "06":
            data.timeline = [
                .init(step: "Tiếp nhận hồ sơ", from: "Trần Quốc Tuấn (Bộ phận Một cửa)", to: "Phạm Văn Đức (Tư pháp - Hộ tịch)",
                      at: vietnam(2026, 11, 25, 9, 30), stepDueAt: vietnam(2026, 11, 25, 17, 0), onTime: true),
                .init(step: "Thẩm định hồ sơ", from: "Phạm Văn Đức (Tư pháp - Hộ tịch)", to: "Lê Thị Minh Hằng (Lãnh đạo)",
                      at: vietnam(2026, 11, 25, 15, 0), stepDueAt: vietnam(2026, 11, 26, 17, 0), onTime: true, note: "Hồ sơ đầy đủ"),
                .init(step: "Phê duyệt", from: "Lê Thị Minh Hằng (Lãnh đạo)", to: "Trần Quốc Tuấn (Bộ phận Một cửa)",
                      at: vietnam(2026, 11, 27, 8, 0), stepDueAt: vietnam(2026, 11, 26, 17, 0), onTime: false),
                .init(step: "Trả kết quả", from: "Trần Quốc Tuấn (Bộ phận Một cửa)", to: name,
                      at: vietnam(2026, 11, 27, 10, 0)),
            ]
            data.officerTitle = nil
        case "07":
            data.register = [
                .init(dossierCode: code, procedureName: "Đăng ký khai sinh", applicantName: name,
                      receivedAt: vietnam(2026, 11, 25, 9, 10), dueAt: vietnam(2026, 11, 27, 16, 30),
                      finishedAt: vietnam(2026, 11, 26, 15, 0), returnedAt: vietnam(2026, 11, 27, 9, 0), status: "Đã trả kết quả"),
                .init(dossierCode: "000.00.01.H30-261125-0002", procedureName: "Chứng thực bản sao từ bản chính",
                      applicantName: "Công ty TNHH Sông Hồng", receivedAt: vietnam(2026, 11, 25, 10, 0),
                      dueAt: vietnam(2026, 11, 25, 16, 0), status: "Đang xử lý"),
            ]
            data.officerTitle = "Người lập sổ"
        default:
            break
        }
        return data
    }
}
