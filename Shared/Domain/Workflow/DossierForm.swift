/// The forms of the one-stop mechanism (Circular 03/2025/TT-VPCP; DOMAIN.md, "Forms issued"),
/// by their number. Transitions issue 01–05; 06 and 07 are built from the recorded transitions.
public enum DossierForm: String, CaseIterable, Sendable, Codable, Hashable {
    case receipt = "01"
    case supplementRequest = "02"
    case refusal = "03"
    case extensionNotice = "04"
    case stopNotice = "05"
    case controlSlip = "06"
    case trackingBook = "07"

    /// The form's title as the circular writes it.
    public var vietnameseName: String {
        switch self {
        case .receipt: "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
        case .supplementRequest: "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"
        case .refusal: "Phiếu từ chối tiếp nhận giải quyết hồ sơ"
        case .extensionNotice: "Văn bản xin lỗi và đề nghị gia hạn"
        case .stopNotice: "Thông báo dừng giải quyết hồ sơ"
        case .controlSlip: "Phiếu kiểm soát quá trình giải quyết hồ sơ"
        case .trackingBook: "Sổ theo dõi hồ sơ"
        }
    }
}
