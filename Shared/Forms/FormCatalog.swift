import Foundation

/// The seven one-stop forms of Circular 03/2025/TT-VPCP, as layout-neutral documents.
enum FormCatalog {
    static let titles: [String: String] = [
        "01": "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        "02": "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        "03": "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
        "04": "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
        "05": "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ",
        "06": "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
        "07": "SỔ THEO DÕI HỒ SƠ",
    ]

    static let blank = "……"

    /// The cleaned text, or nil when absent or blank.
    static func nonEmpty(_ text: String?) -> String? {
        guard let text else { return nil }
        let cleaned = clean(text)
        return cleaned.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : cleaned
    }

    static func document(_ data: FormData) throws -> FormDocument {
        let number = data.formNumber
        guard let title = titles[number] else { throw FormError.unknownForm(number) }
        let payload = FormRenderer.qrPayload(data)
        let qr = try QRMatrix.encode(payload)
        let agency = clean(data.agencyName)
        var agencyLines = [agency.uppercased()]
        if let desk = nonEmpty(data.deskName) {
            agencyLines.append(desk.uppercased())
        }
        let place = nonEmpty(data.place) ?? "……………"
        let builder = Builder(data: data)
        let blocks: [Block] = switch number {
        case "01": builder.form01()
        case "02": builder.form02()
        case "03": builder.form03()
        case "04": builder.form04()
        case "05": builder.form05()
        case "06": builder.form06()
        default: builder.form07()
        }
        return FormDocument(
            number: number,
            title: title,
            format: number == "07" ? .a4Landscape : .a5Portrait,
            agencyLines: agencyLines,
            placeDate: "\(place), \(VietnamTime(data.issuedAt).dateLine)",
            dossierCode: clean(data.dossierCode),
            blocks: blocks,
            qrPayload: payload,
            qr: qr,
            issuedISO8601: VietnamTime(data.issuedAt).iso8601
        )
    }

    /// Builds the body of each form from cleaned data.
    private struct Builder {
        let data: FormData
        let applicant: String
        let agency: String
        let desk: String
        let procedure: String

        init(data: FormData) {
            self.data = data
            applicant = clean(data.applicantName)
            agency = clean(data.agencyName)
            desk = nonEmpty(data.deskName) ?? clean(data.agencyName)
            procedure = "\(clean(data.procedureName)) (mã thủ tục \(clean(data.procedureCode)))"
        }

        func time(_ date: Date?) -> String {
            date.map { VietnamTime($0).dateTime } ?? blank
        }

        func line(_ label: String, _ value: String, boldValue: Bool = false) -> Block {
            .paragraph(Paragraph(runs: [.plain(label + " "), Run(text: value, bold: boldValue)]))
        }

        func text(_ value: String) -> Block {
            .paragraph(Paragraph(runs: [.plain(value)]))
        }

        func heading(_ value: String) -> Block {
            .paragraph(Paragraph(runs: [.bold(value)], spaceBefore: 5))
        }

        /// "1. …", "2. …" with a hanging indent; a dotted blank when there is nothing.
        func numbered(_ items: [String]) -> [Block] {
            let items = items.map(clean).filter { !$0.isEmpty }
            if items.isEmpty { return [.paragraph(Paragraph(runs: [.plain(blank)], indent: 10))] }
            return items.enumerated().map { index, item in
                .paragraph(Paragraph(runs: [.plain("\(index + 1). \(item)")], indent: 10, hanging: 12, spaceBefore: 2))
            }
        }

        func applicantLines(_ label: String) -> [Block] {
            [line(label, applicant, boldValue: true)] + applicantDetails()
        }

        /// Identifier, contact details and the request, under the applicant's name.
        func applicantDetails() -> [Block] {
            var blocks = [line("Số định danh cá nhân/mã số doanh nghiệp:", clean(data.applicantIdNumber))]
            if let address = nonEmpty(data.applicantAddress) {
                blocks.append(line("Địa chỉ:", address))
            }
            switch (nonEmpty(data.applicantPhone), nonEmpty(data.applicantEmail)) {
            case let (phone?, email?): blocks.append(line("Số điện thoại:", "\(phone)    Email: \(email)"))
            case let (phone?, nil): blocks.append(line("Số điện thoại:", phone))
            case let (nil, email?): blocks.append(line("Email:", email))
            case (nil, nil): break
            }
            blocks.append(line("Nội dung yêu cầu giải quyết:", procedure))
            return blocks
        }

        func signer(default title: String) -> Signature {
            Signature(title: (nonEmpty(data.officerTitle) ?? title).uppercased(), name: nonEmpty(data.officerName))
        }

        func form01() -> [Block] {
            var blocks = applicantLines("\(desk) tiếp nhận hồ sơ của:")
            blocks.append(heading("1. Thành phần hồ sơ nộp gồm:"))
            blocks.append(.table(Table(
                columns: [.init(title: "STT", width: 0.08, align: .center),
                          .init(title: "Tên loại giấy tờ", width: 0.64),
                          .init(title: "Bản chính", width: 0.14, align: .center),
                          .init(title: "Bản sao", width: 0.14, align: .center)],
                rows: data.components.enumerated().map { index, component in
                    [String(index + 1), clean(component.name), String(component.originals), String(component.copies)]
                })))
            blocks.append(.paragraph(Paragraph(
                runs: [.bold("2. Thời gian nhận hồ sơ: "), .plain(time(data.receivedAt))], spaceBefore: 5)))
            blocks.append(.paragraph(Paragraph(
                runs: [.bold("3. Thời gian hẹn trả kết quả giải quyết hồ sơ: "), .bold(time(data.dueAt))])))
            let channel = nonEmpty(data.returnChannel) ?? blank
            blocks.append(.paragraph(Paragraph(runs: [.bold("4. Hình thức nhận kết quả: "), .plain(channel)])))
            if let token = nonEmpty(data.lookupToken), let url = nonEmpty(data.statusURL) {
                blocks.append(.paragraph(Paragraph(runs: [.bold("5. Mã tra cứu hồ sơ: "), .bold(token)], spaceBefore: 5)))
                blocks.append(.paragraph(Paragraph(runs: [
                    .italic("Quét mã QR ở đầu giấy hoặc mở \(url) để theo dõi tình trạng hồ sơ; giữ kín mã tra cứu."),
                ], indent: 10)))
            }
            blocks.append(.signatures([
                Signature(title: "NGƯỜI NỘP HỒ SƠ", name: applicant),
                signer(default: "Người tiếp nhận hồ sơ"),
            ]))
            return blocks
        }

        func form02() -> [Block] {
            var blocks = applicantLines("Hồ sơ của:")
            blocks.append(heading("Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:"))
            blocks += numbered(data.missingItems)
            if !data.reasons.isEmpty {
                blocks.append(heading("Lý do:"))
                blocks += numbered(data.reasons)
            }
            blocks.append(text("Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ với \(desk) để được hướng dẫn./."))
            blocks.append(.signatures([signer(default: "Người hướng dẫn")]))
            return blocks
        }

        func form03() -> [Block] {
            var blocks = applicantLines("\(desk) tiếp nhận hồ sơ của:")
            blocks.append(heading("Qua xem xét, \(desk) thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:"))
            blocks += numbered(data.reasons)
            blocks.append(text("Xin thông báo cho Ông/Bà được biết và thực hiện./."))
            blocks.append(.signatures([signer(default: "Người tiếp nhận hồ sơ")]))
            return blocks
        }

        func form04() -> [Block] {
            var blocks = [line("Ngày \(data.receivedAt.map { VietnamTime($0).date } ?? blank), \(agency) tiếp nhận giải quyết hồ sơ của Ông/Bà:",
                               applicant, boldValue: true)]
            blocks += applicantDetails()
            blocks.append(line("Thời gian hẹn trả kết quả giải quyết hồ sơ:", time(data.dueAt)))
            blocks.append(heading("Tuy nhiên đến nay, \(agency) chưa trả kết quả giải quyết hồ sơ của Ông/Bà với lý do:"))
            blocks += numbered(data.reasons)
            blocks.append(.paragraph(Paragraph(runs: [
                .plain("Sự chậm trễ này đã gây phiền hà, tốn kém chi phí, công sức của Ông/Bà. \(agency) xin lỗi Ông/Bà và hẹn lại thời gian trả kết quả giải quyết hồ sơ vào: "),
                .bold(time(data.newDueAt)), .plain("."),
            ], spaceBefore: 5)))
            blocks.append(text("Xin trân trọng cảm ơn sự hợp tác của Ông/Bà./."))
            blocks.append(.signatures([signer(default: "Thủ trưởng cơ quan")]))
            return blocks
        }

        func form05() -> [Block] {
            var blocks = [line("Ngày \(data.receivedAt.map { VietnamTime($0).date } ?? blank), \(agency) tiếp nhận giải quyết hồ sơ của Ông/Bà:",
                               applicant, boldValue: true)]
            blocks += applicantDetails()
            blocks.append(heading("\(agency) thông báo dừng giải quyết hồ sơ nêu trên với lý do cụ thể như sau:"))
            blocks += numbered(data.reasons)
            blocks.append(text("Xin thông báo để Ông/Bà được biết./."))
            blocks.append(.signatures([signer(default: "Thủ trưởng cơ quan")]))
            return blocks
        }

        func form06() -> [Block] {
            var blocks = applicantLines("Kèm theo hồ sơ của:")
            blocks.append(line("Thời gian nhận hồ sơ:", time(data.receivedAt)))
            blocks.append(line("Thời gian hẹn trả kết quả:", time(data.dueAt)))
            blocks.append(.table(Table(
                columns: [.init(title: "STT", width: 0.065, align: .center),
                          .init(title: "Bước xử lý", width: 0.14),
                          .init(title: "Bên giao", width: 0.15),
                          .init(title: "Bên nhận", width: 0.15),
                          .init(title: "Thời gian giao, nhận", width: 0.13, align: .center),
                          .init(title: "Hạn xử lý", width: 0.13, align: .center),
                          .init(title: "Kết quả", width: 0.095, align: .center),
                          .init(title: "Ghi chú", width: 0.14)],
                rows: data.timeline.enumerated().map { index, entry in
                    [String(index + 1), clean(entry.step), clean(entry.from), clean(entry.to),
                     VietnamTime(entry.at).dateTime, entry.stepDueAt.map { VietnamTime($0).dateTime } ?? "",
                     Self.outcome(entry), entry.note.map(clean) ?? ""]
                })))
            blocks.append(.signatures([signer(default: "Người lập phiếu")]))
            return blocks
        }

        /// "Trước hạn" when finished on an earlier calendar day (Vietnam time) than the step's deadline.
        static func outcome(_ entry: FormData.TimelineEntry) -> String {
            switch entry.onTime {
            case nil: return "Đang xử lý"
            case false?: return "Quá hạn"
            case true?:
                if let due = entry.stepDueAt, VietnamTime(entry.at).dayNumber < VietnamTime(due).dayNumber {
                    return "Trước hạn"
                }
                return "Đúng hạn"
            }
        }

        func form07() -> [Block] {
            var blocks = [line("Bộ phận tiếp nhận và trả kết quả:", desk),
                          line("Tổ chức, cá nhân:", applicant, boldValue: true)]
            let optional = { (date: Date?) in date.map { VietnamTime($0).dateTime } ?? "" }
            blocks.append(.table(Table(
                columns: [.init(title: "STT", width: 0.04, align: .center),
                          .init(title: "Mã hồ sơ", width: 0.17),
                          .init(title: "Tên thủ tục hành chính", width: 0.17),
                          .init(title: "Tổ chức, cá nhân", width: 0.13),
                          .init(title: "Ngày tiếp nhận", width: 0.09, align: .center),
                          .init(title: "Hẹn trả kết quả", width: 0.09, align: .center),
                          .init(title: "Ngày có kết quả", width: 0.09, align: .center),
                          .init(title: "Ngày trả kết quả", width: 0.09, align: .center),
                          .init(title: "Trạng thái", width: 0.13)],
                rows: data.register.enumerated().map { index, row in
                    [String(index + 1), clean(row.dossierCode), clean(row.procedureName), clean(row.applicantName),
                     optional(row.receivedAt), optional(row.dueAt), optional(row.finishedAt), optional(row.returnedAt),
                     clean(row.status)]
                })))
            blocks.append(.signatures([signer(default: "Người lập sổ")]))
            return blocks
        }
    }
}
