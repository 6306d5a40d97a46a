import Contracts
import Domain
import Foundation

/// The national portal's shapes (DOMAIN.md, "Integration with the National Public Service Portal"):
/// dossier sync (`DongBoHoSoMC`) and progress update (`CapNhatTienDoHoSoMC`), with dates as
/// `yyyyMMddHHmmss` in Asia/Ho_Chi_Minh and statuses as the national code table (1–10).
enum PortalPayload {
    static let syncService = "DongBoHoSoMC"
    static let progressService = "CapNhatTienDoHoSoMC"

    /// `yyyyMMddHHmmss` in Vietnam time.
    static func date(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = WireJSON.vietnamTimeZone
        let p = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02d%02d%02d%02d", p.year ?? 0, p.month ?? 0, p.day ?? 0, p.hour ?? 0, p.minute ?? 0, p.second ?? 0)
    }

    /// One dossier record for `DongBoHoSoMC`, as it stands after `change`.
    static func dossier(_ change: DossierStatusChanged, case detail: CaseDetail) -> JSONValue {
        let applicant = detail.applicant
        var record: [String: JSONValue] = [
            "MaHoSo": .string(change.code),
            "MaTTHC": .string(change.procedureCode),
            "TenTTHC": .string(detail.procedureName ?? change.procedureCode),
            "ChuHoSo": .string(applicant?.name ?? ""),
            "LoaiDoiTuong": .string(applicant?.kind == .organisation ? "2" : "1"),
            "MaDoiTuong": .string(applicant?.idNumber ?? ""),
            "DiaChiChuHoSo": .string(applicant?.address ?? ""),
            "SoDienThoaiChuHoSo": .string(applicant?.phone ?? ""),
            "EmailChuHoSo": .string(applicant?.email ?? ""),
            "TrichYeuHoSo": .string("\(detail.procedureName ?? change.procedureCode) — \(applicant?.name ?? "")"),
            "NgayNopHoSo": .string(date(detail.submittedAt)),
            "NgayTiepNhan": detail.receivedAt.map { .string(date($0)) } ?? .string(""),
            "NgayHenTra": change.dueAt.map { .string(date($0)) } ?? .string(""),
            "NgayTra": change.to.code == NationalStatus.returned.rawValue ? .string(date(change.at)) : .string(""),
            "TrangThaiHoSo": .string(String(change.to.code)),
            "HinhThuc": .string(String(change.channel.nationalCode)),
            "DonViXuLy": .string(change.agencyCode),
            "DanhSachGiayToKetQua": .array(detail.resultCodes.map { .object(["MaGiayToKetQua": .string($0), "TenGiayTo": .string($0)]) }),
        ]
        if let reason = change.reason { record["GhiChu"] = .string(reason) }
        return .object(record)
    }

    /// One progress record for `CapNhatTienDoHoSoMC`: who did what, when, and the status after it.
    static func progress(_ change: DossierStatusChanged) -> JSONValue {
        let actor = change.actorDetail
        let role = actor.flatMap { Role(rawValue: $0.role) }?.vietnameseName ?? actor?.role ?? ""
        let content = [change.action.map { "Thao tác: \($0)" }, "Trạng thái: \(change.to.name)", change.reason.map { "Lý do: \($0)" }]
            .compactMap { $0 }.joined(separator: "; ")
        return .object([
            "MaHoSo": .string(change.code),
            "NguoiXuLy": .string(change.actor),
            "ChucDanh": .string(role),
            "ThoiDiemXuLy": .string(date(change.at)),
            "PhongBanXuLy": .string(actor?.unit ?? change.agencyCode),
            "NoiDungXuLy": .string(content),
            "TrangThai": .string(String(change.to.code)),
            "NgayBatDau": .string(date(change.at)),
            "NgayKetThucTheoQuyDinh": change.dueAt.map { .string(date($0)) } ?? .string(""),
        ])
    }
}
