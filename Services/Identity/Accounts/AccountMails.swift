import Contracts
import Foundation

/// The Vietnamese texts of identity's account mails. Each carries the link to the portal page
/// and the token itself (for clients of the JSON API).
struct AccountMails: Sendable {
    /// The portal's public address, e.g. `https://dichvucong.example.vn` (`ONEGATE_PUBLIC_BASE_URL`).
    let baseURL: String

    static let signature = "Trân trọng,\nCổng Dịch vụ công một cửa"

    func verification(to email: String, name: String, token: String, hours: Int) -> MailMessage {
        MailMessage(
            to: email, subject: "Xác nhận địa chỉ thư điện tử của tài khoản",
            text: "Kính gửi Ông/Bà \(name),\n\nĐể kích hoạt tài khoản trên Cổng Dịch vụ công, mời Ông/Bà mở liên kết sau "
                + "trong vòng \(hours) giờ:\n\n\(baseURL)/register/verify?token=\(token)\n\nMã xác nhận: \(token)\n\n"
                + "Nếu Ông/Bà không đăng ký tài khoản, xin bỏ qua thư này.\n\n\(Self.signature)\n",
            key: "verify:" + SessionStore.digest(token))
    }

    func alreadyRegistered(to email: String) -> MailMessage {
        MailMessage(
            to: email, subject: "Địa chỉ thư điện tử này đã có tài khoản",
            text: "Kính gửi Ông/Bà,\n\nCó người vừa đăng ký tài khoản mới bằng địa chỉ thư điện tử này, nhưng địa chỉ đã có "
                + "tài khoản. Nếu Ông/Bà quên mật khẩu, hãy đặt lại tại \(baseURL)/password-reset.\n\n"
                + "Nếu không phải Ông/Bà, xin bỏ qua thư này.\n\n\(Self.signature)\n",
            key: "registered:\(UUID().uuidString.lowercased())")
    }

    func passwordReset(to email: String, name: String, token: String, minutes: Int) -> MailMessage {
        MailMessage(
            to: email, subject: "Đặt lại mật khẩu tài khoản",
            text: "Kính gửi Ông/Bà \(name),\n\nĐể đặt mật khẩu mới, mời Ông/Bà mở liên kết sau trong vòng \(minutes) phút:\n\n"
                + "\(baseURL)/password-reset/confirm?token=\(token)\n\nMã đặt lại: \(token)\n\n"
                + "Nếu Ông/Bà không yêu cầu đặt lại mật khẩu, xin bỏ qua thư này; mật khẩu hiện tại vẫn dùng được.\n\n\(Self.signature)\n",
            key: "reset:" + SessionStore.digest(token))
    }
}
