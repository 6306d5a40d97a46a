import Contracts
import Domain
import Foundation

/// One message to an applicant, in Vietnamese.
struct NoticeMessage: Sendable, Equatable {
    let subject: String
    let text: String
    /// The short form for SMS.
    let sms: String
}

/// The Vietnamese texts of the notices. Dates are shown as `dd/MM/yyyy` (with the time for an
/// appointment) in Asia/Ho_Chi_Minh.
enum NoticeTemplates {
    static let signature = "Trân trọng,\nBộ phận Tiếp nhận và Trả kết quả (Bộ phận Một cửa)"

    static func render(_ notice: Notice, code: String, applicant: String, procedure: String, dueAt: Date?,
                       missingItems: [String], resultCodes: [String]) -> NoticeMessage {
        let greeting = "Kính gửi Ông/Bà \(applicant),"
        let about = "Hồ sơ \(code) về thủ tục “\(procedure)”"
        switch notice {
        case .received:
            let due = dueAt.map { "\nNgày hẹn trả kết quả: \(dateTime($0))." } ?? ""
            return NoticeMessage(
                subject: "Hồ sơ \(code) đã được tiếp nhận",
                text: "\(greeting)\n\n\(about) của Ông/Bà đã được tiếp nhận.\(due)\n\n"
                    + "Ông/Bà có thể tra cứu tình trạng giải quyết hồ sơ bằng mã hồ sơ trên Cổng Dịch vụ công.\n\n\(signature)\n",
                sms: "Hồ sơ \(code) đã được tiếp nhận" + (dueAt.map { ", hẹn trả ngày \(date($0))." } ?? "."))
        case .supplementRequested:
            let items = missingItems.isEmpty ? "" : "\n" + missingItems.map { "- \($0)" }.joined(separator: "\n")
            return NoticeMessage(
                subject: "Hồ sơ \(code) cần bổ sung, hoàn thiện",
                text: "\(greeting)\n\n\(about) cần được bổ sung, hoàn thiện các giấy tờ sau:\(items)\n\n"
                    + "Đề nghị Ông/Bà bổ sung hồ sơ để tiếp tục được giải quyết.\n\n\(signature)\n",
                sms: "Hồ sơ \(code) cần bổ sung giấy tờ. Vui lòng xem hướng dẫn trong thư điện tử hoặc tại Bộ phận Một cửa.")
        case .resultReady:
            let codes = resultCodes.isEmpty ? "" : " (mã kết quả: \(resultCodes.joined(separator: ", ")))"
            return NoticeMessage(
                subject: "Hồ sơ \(code) đã có kết quả giải quyết",
                text: "\(greeting)\n\n\(about) đã có kết quả giải quyết\(codes).\n"
                    + "Mời Ông/Bà nhận kết quả theo hình thức đã đăng ký.\n\n\(signature)\n",
                sms: "Hồ sơ \(code) đã có kết quả giải quyết. Mời Ông/Bà nhận kết quả theo hình thức đã đăng ký.")
        case .overdueApology:
            let due = dueAt.map { " (ngày hẹn trả: \(date($0)))" } ?? ""
            return NoticeMessage(
                subject: "Thư xin lỗi về việc hồ sơ \(code) chậm giải quyết",
                text: "\(greeting)\n\nCơ quan giải quyết thành thật xin lỗi Ông/Bà vì \(about.prefix(1).lowercased() + about.dropFirst()) "
                    + "chưa được giải quyết đúng hạn\(due).\n"
                    + "Chúng tôi đang khẩn trương giải quyết và sẽ thông báo kết quả cho Ông/Bà trong thời gian sớm nhất.\n\n\(signature)\n",
                sms: "Thành thật xin lỗi Ông/Bà: hồ sơ \(code) chưa được giải quyết đúng hạn. Chúng tôi sẽ thông báo khi có kết quả.")
        }
    }

    static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = WireJSON.vietnamTimeZone
        return calendar
    }

    static func date(_ date: Date) -> String {
        let parts = calendar.dateComponents([.day, .month, .year], from: date)
        return String(format: "%02d/%02d/%04d", parts.day ?? 0, parts.month ?? 0, parts.year ?? 0)
    }

    static func dateTime(_ moment: Date) -> String {
        let parts = calendar.dateComponents([.hour, .minute], from: moment)
        return String(format: "%02d:%02d ngày ", parts.hour ?? 0, parts.minute ?? 0) + date(moment)
    }
}
