/// The ten dossier statuses shown to applicants and synchronised with the National Public
/// Service Portal (DOMAIN.md, "Statuses shown at every step").
public enum NationalStatus: Int, CaseIterable, Sendable, Codable, Hashable {
    case submitted = 1
    case received = 2
    case refused = 3
    case inProgress = 4
    case supplementRequested = 5
    case financialObligation = 6
    case withdrawn = 7
    case stopped = 8
    case resolved = 9
    case returned = 10

    /// The status name as the law and the national portal write it.
    public var vietnameseName: String {
        switch self {
        case .submitted: "Mới đăng ký"
        case .received: "Được tiếp nhận"
        case .refused: "Không được tiếp nhận"
        case .inProgress: "Đang xử lý"
        case .supplementRequested: "Yêu cầu bổ sung giấy tờ"
        case .financialObligation: "Yêu cầu thực hiện nghĩa vụ tài chính"
        case .withdrawn: "Công dân yêu cầu rút hồ sơ"
        case .stopped: "Dừng xử lý"
        case .resolved: "Đã xử lý xong"
        case .returned: "Đã trả kết quả"
        }
    }

    /// True when no further transition can happen.
    public var isFinal: Bool {
        switch self {
        case .refused, .withdrawn, .stopped, .returned: true
        default: false
        }
    }
}
