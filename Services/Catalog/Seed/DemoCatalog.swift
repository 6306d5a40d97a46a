import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO
import ServiceKit
import Storage

/// The demo province's published procedures and the 2026 and 2027 holiday calendars, created at
/// start-up when `ONEGATE_DEMO_SEED=1` (scripts/start sets it). Idempotent: a code or year that
/// exists is left alone, so administrators' edits survive restarts; existing published versions
/// are announced again so late consumers catch up.
///
/// The procedures look like real ones (codes, names, fees and components in the style of the
/// national database) but are demo data: names, fees and forms must be checked against the
/// National Database on Administrative Procedures before any real use.
struct DemoCatalog: Sendable {
    static let desk = "H30-PVHCC"
    static let department = "H30-STP"
    static let division = "H30-STP-HCTP"
    static let province = "000.00.00.H30"
    static let justice = "000.00.01.H30"

    func seed(runtime: ServiceRuntime) async throws {
        let logger = runtime.logger
        let store = ProcedureStore()
        let created = try await runtime.database.transaction(logger: logger) { connection -> Int in
            var created = 0
            for procedure in Self.procedures {
                try Self.check(procedure)
                guard try await store.create(procedure, on: connection, logger: logger) else {
                    // Already there: announce its current version again, so a service that started
                    // listening later (a new consumer, a reset copy) catches up. Consumers keep
                    // versions by (code, version), so a repeat has no effect.
                    if let current = try await store.version(code: procedure.code, version: nil, on: connection, logger: logger),
                       current.status == "published", let version = current.version {
                        try await runtime.outbox.enqueue([
                            try OutboxMessage.event(EventName.procedurePublished, source: .catalog, subject: procedure.code,
                                                    sequence: Int64(version), payload: current, correlationID: nil),
                        ], on: connection, logger: logger)
                    }
                    continue
                }
                let at = try await store.publish(procedure, version: 1, on: connection, logger: logger)
                let view = ProcedureView(status: "published", version: 1, publishedAt: WireJSON.format(at), procedure: procedure)
                try await runtime.outbox.enqueue([
                    try OutboxMessage.event(EventName.procedurePublished, source: .catalog, subject: procedure.code, sequence: 1,
                                            payload: view, correlationID: nil),
                ], on: connection, logger: logger)
                created += 1
            }
            for year in [2026, 2027] where try await CalendarHandlers.load(year: year, on: connection, logger: logger) == nil {
                let calendar = try CalendarRules.validate(year: year, body: Self.holidays(year))
                let stored = try await CalendarHandlers.store(calendar.view, by: "demo seed", on: connection, logger: logger)
                try await runtime.outbox.enqueue([
                    try OutboxMessage.event(EventName.calendarChanged, source: .catalog, subject: String(year), sequence: nil,
                                            payload: stored, correlationID: nil),
                ], on: connection, logger: logger)
            }
            return created
        }
        runtime.relay.wake()
        if created > 0 { logger.info("demo procedures published", metadata: ["count": "\(created)"]) }
    }

    /// Runs a demo procedure through the same validation as an administrator's draft.
    static func check(_ procedure: ProcedureDefinition) throws {
        let body = try WireJSON.decode(JSONValue.self, from: try WireJSON.encode(procedure))
        _ = try ProcedureValidator.validate(body)
    }

    // MARK: Holidays

    /// Vietnam's public holidays (Labour Code 2019 Art. 112: 1 Jan; Tết, 5 days; Hùng Kings 10/3
    /// lunar; 30 Apr; 1 May; 2 Sep plus an adjacent day), with a holiday falling on a weekend
    /// compensated on the next working day. DEFAULTS ONLY: the Prime Minister fixes the exact days
    /// and swaps each year; an administrator must confirm them against that decision
    /// (`PUT /api/v1/calendar/{year}`).
    static func holidays(_ year: Int) -> JSONValue {
        let days: [(String, String)] = year == 2026 ? [
            ("2026-01-01", "Tết Dương lịch"),
            ("2026-02-16", "Tết Nguyên đán (29 tháng Chạp)"), ("2026-02-17", "Tết Nguyên đán (mùng 1)"),
            ("2026-02-18", "Tết Nguyên đán (mùng 2)"), ("2026-02-19", "Tết Nguyên đán (mùng 3)"),
            ("2026-02-20", "Tết Nguyên đán (mùng 4)"),
            ("2026-04-27", "Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch, Chủ nhật 26/4)"),
            ("2026-04-30", "Ngày Chiến thắng"), ("2026-05-01", "Ngày Quốc tế Lao động"),
            ("2026-09-01", "Quốc khánh (ngày liền kề)"), ("2026-09-02", "Quốc khánh"),
        ] : [
            ("2027-01-01", "Tết Dương lịch"),
            ("2027-02-04", "Tết Nguyên đán (28 tháng Chạp)"), ("2027-02-05", "Tết Nguyên đán (29 tháng Chạp)"),
            ("2027-02-08", "Tết Nguyên đán (nghỉ bù mùng 1, Thứ bảy 6/2)"), ("2027-02-09", "Tết Nguyên đán (nghỉ bù mùng 2)"),
            ("2027-02-10", "Tết Nguyên đán (mùng 5)"),
            ("2027-04-16", "Giỗ Tổ Hùng Vương (10/3 âm lịch)"),
            ("2027-04-30", "Ngày Chiến thắng"), ("2027-05-03", "Nghỉ bù Ngày Quốc tế Lao động (Thứ bảy 1/5)"),
            ("2027-09-02", "Quốc khánh"), ("2027-09-03", "Quốc khánh (ngày liền kề)"),
        ]
        return .object(["entries": .array(days.map { date, name in
            .object(["date": .string(date), "kind": .string("dayOff"), "name": .string(name)])
        })])
    }

    // MARK: Procedures

    static func budget(_ amount: Int, _ unit: TimeBudget.Unit = .workingDays) -> TimeBudget {
        guard case .success(let budget) = TimeBudget.make(amount, unit) else { preconditionFailure("demo budget \(amount)") }
        return budget
    }

    static let applicantFields = [
        EFormField(name: "applicantName", label: "Họ, chữ đệm, tên người yêu cầu", type: .string, required: true, min: 1, max: 100),
        EFormField(name: "applicantIdNumber", label: "Số định danh cá nhân", type: .string, required: true, pattern: "[0-9]{12}"),
        EFormField(name: "phone", label: "Số điện thoại", type: .string, pattern: "0[0-9]{9,10}"),
    ]

    static func component(_ code: String, _ name: String, required: Bool = true, originals: Int = 1, copies: Int = 0,
                          digitise: Bool = true) -> DossierComponent {
        DossierComponent(code: code, name: name, required: required, originals: originals, copies: copies, mustDigitise: digitise)
    }

    /// Desk → specialist → (head) → leader, with `shares` (sum 100); five steps add an inter-agency
    /// consultation, followed up by the division.
    static func steps(_ shares: [Int], interAgency: Bool) -> [WorkflowStepDefinition] {
        var steps = [
            WorkflowStepDefinition(role: .oneStopOfficer, orgUnit: desk, sharePercent: shares[0], name: "Tiếp nhận hồ sơ"),
            WorkflowStepDefinition(role: .specialist, orgUnit: division, sharePercent: shares[1], name: "Thẩm định hồ sơ"),
        ]
        if interAgency, shares.count == 5 {
            steps.append(WorkflowStepDefinition(role: .specialist, orgUnit: division, sharePercent: shares[2], interAgency: true,
                                                name: "Lấy ý kiến cơ quan liên quan"))
        }
        let rest = Array(shares.suffix(shares.count == 3 ? 1 : 2))
        if rest.count == 2 {
            steps.append(WorkflowStepDefinition(role: .departmentHead, orgUnit: division, sharePercent: rest[0], name: "Xem xét, trình ký"))
        }
        steps.append(WorkflowStepDefinition(role: .agencyLeader, orgUnit: department, sharePercent: rest[rest.count - 1],
                                            name: "Phê duyệt, ký kết quả"))
        return steps
    }

    static func procedure(_ code: String, _ name: String, sector: String, level: String = "province", agencies: [String] = [justice],
                          days: Int, unit: TimeBudget.Unit = .workingDays, online: String = "full",
                          channels: [SubmissionChannel] = [.direct, .online, .postal], fees: [ProcedureFee] = [],
                          components: [DossierComponent], fields: [EFormField], result: String, shares: [Int] = [10, 50, 20, 20],
                          interAgency: Bool = false, policy: SuspensionPolicy = .restart, legal: [String]) -> ProcedureDefinition {
        ProcedureDefinition(code: code, name: name, sectorCode: sector, level: level, agencies: agencies, processingTime: budget(days, unit),
                            onlineServiceLevel: online, channels: channels, fees: fees, components: components,
                            eForm: EFormDefinition(fields: applicantFields + fields), results: [ProcedureResult(code: "KQ1", name: result)],
                            workflow: steps(shares, interAgency: interAgency), clockPolicy: policy, legalBasis: legal)
    }

    static func fee(_ code: String, _ name: String, _ amount: Int) -> ProcedureFee {
        ProcedureFee(code: code, name: name, amount: amount, collector: "Sở Tư pháp tỉnh Demo")
    }

    static let declaration = component("TK", "Tờ khai theo mẫu")
    static let identity = component("GTTT", "Giấy tờ tùy thân (căn cước) của người yêu cầu", originals: 0, copies: 1, digitise: true)
    static let hoTich = "G13-HT01"
    static let lawHoTich = ["Luật Hộ tịch số 60/2014/QH13", "Nghị định 123/2015/NĐ-CP", "Thông tư 04/2020/TT-BTP"]

    static let procedures: [ProcedureDefinition] = [
        procedure("1.001193", "Đăng ký khai sinh", sector: hoTich, level: "commune", days: 1, fees: [fee("LP-KS", "Lệ phí đăng ký khai sinh (miễn nếu đúng hạn)", 0)],
                  components: [declaration, component("GCS", "Giấy chứng sinh"), identity],
                  fields: [EFormField(name: "childName", label: "Họ, chữ đệm, tên người được khai sinh", type: .string, required: true, max: 100),
                           EFormField(name: "childBirthDate", label: "Ngày, tháng, năm sinh", type: .date, required: true),
                           EFormField(name: "childSex", label: "Giới tính", type: .enum, required: true, options: ["Nam", "Nữ"]),
                           EFormField(name: "birthPlace", label: "Nơi sinh", type: .string, required: true),
                           EFormField(name: "relationship", label: "Quan hệ với người được khai sinh", type: .enum, required: true,
                                      options: ["Cha", "Mẹ", "Ông", "Bà", "Người thân thích khác"])],
                  result: "Giấy khai sinh (bản chính)", shares: [20, 50, 30], legal: lawHoTich),
        procedure("1.000894", "Đăng ký kết hôn", sector: hoTich, level: "commune", days: 3, fees: [fee("LP-KH", "Lệ phí đăng ký kết hôn", 0)],
                  components: [declaration, identity, component("XNTTHN", "Giấy xác nhận tình trạng hôn nhân", required: false)],
                  fields: [EFormField(name: "partnerName", label: "Họ, chữ đệm, tên bên kia", type: .string, required: true),
                           EFormField(name: "partnerIdNumber", label: "Số định danh cá nhân bên kia", type: .string, required: true, pattern: "[0-9]{12}"),
                           EFormField(name: "partnerBirthDate", label: "Ngày sinh bên kia", type: .date, required: true)],
                  result: "Giấy chứng nhận kết hôn", legal: lawHoTich),
        procedure("1.000656", "Đăng ký khai tử", sector: hoTich, level: "commune", days: 1,
                  components: [declaration, component("GBT", "Giấy báo tử hoặc giấy tờ thay giấy báo tử"), identity],
                  fields: [EFormField(name: "deceasedName", label: "Họ, chữ đệm, tên người chết", type: .string, required: true),
                           EFormField(name: "dateOfDeath", label: "Ngày chết", type: .date, required: true),
                           EFormField(name: "placeOfDeath", label: "Nơi chết", type: .string, required: true)],
                  result: "Trích lục khai tử", shares: [20, 50, 30], legal: lawHoTich),
        procedure("1.004884", "Đăng ký lại khai sinh", sector: hoTich, level: "commune", days: 5, online: "partial",
                  components: [declaration, component("BSGT", "Bản sao giấy tờ có thông tin về nội dung khai sinh", originals: 0, copies: 1), identity],
                  fields: [EFormField(name: "childName", label: "Họ, chữ đệm, tên người được đăng ký lại", type: .string, required: true),
                           EFormField(name: "childBirthDate", label: "Ngày sinh", type: .date, required: true)],
                  result: "Giấy khai sinh (đăng ký lại)", legal: lawHoTich),
        procedure("1.001022", "Cấp bản sao trích lục hộ tịch", sector: hoTich, days: 1, fees: [fee("P-TL", "Phí cấp bản sao trích lục (mỗi bản)", 8_000)],
                  components: [declaration, identity],
                  fields: [EFormField(name: "eventKind", label: "Loại sự kiện hộ tịch", type: .enum, required: true,
                                      options: ["Khai sinh", "Kết hôn", "Khai tử"]),
                           EFormField(name: "copies", label: "Số bản sao", type: .integer, required: true, min: 1, max: 10)],
                  result: "Bản sao trích lục hộ tịch", shares: [20, 50, 30], legal: lawHoTich),
        procedure("2.000488", "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam", sector: "G13-LLTP",
                  days: 10, fees: [fee("P-LLTP", "Phí cấp Phiếu lý lịch tư pháp", 200_000), fee("P-LLTP-THEM", "Phí cấp thêm từ bản thứ 3", 5_000)],
                  components: [declaration, identity, component("UQ", "Văn bản ủy quyền (nếu ủy quyền)", required: false)],
                  fields: [EFormField(name: "formType", label: "Loại Phiếu", type: .enum, required: true, options: ["Phiếu số 1", "Phiếu số 2"]),
                           EFormField(name: "copies", label: "Số lượng Phiếu", type: .integer, required: true, min: 1, max: 10),
                           EFormField(name: "purpose", label: "Mục đích sử dụng", type: .string, required: true, max: 500)],
                  result: "Phiếu lý lịch tư pháp", shares: [5, 40, 35, 10, 10], interAgency: true,
                  legal: ["Luật Lý lịch tư pháp số 28/2009/QH12", "Nghị định 111/2010/NĐ-CP", "Thông tư 244/2016/TT-BTC"]),
        procedure("2.001023", "Cấp Giấy chứng nhận đăng ký doanh nghiệp (doanh nghiệp tư nhân)", sector: "G05-DKKD", agencies: [province],
                  days: 3, fees: [ProcedureFee(code: "LP-DKDN", name: "Lệ phí đăng ký doanh nghiệp (miễn khi nộp trực tuyến)", amount: 50_000,
                                               collector: "Phòng Đăng ký kinh doanh")],
                  components: [component("GDN", "Giấy đề nghị đăng ký doanh nghiệp"), identity],
                  fields: [EFormField(name: "companyName", label: "Tên doanh nghiệp", type: .string, required: true, max: 200),
                           EFormField(name: "capital", label: "Vốn đầu tư (đồng)", type: .integer, required: true, min: 0),
                           EFormField(name: "businessLines", label: "Ngành, nghề kinh doanh", type: .string, required: true),
                           EFormField(name: "address", label: "Địa chỉ trụ sở chính", type: .string, required: true)],
                  result: "Giấy chứng nhận đăng ký doanh nghiệp", shares: [10, 60, 30],
                  legal: ["Luật Doanh nghiệp số 59/2020/QH14", "Nghị định 168/2025/NĐ-CP"]),
        procedure("2.001610", "Đăng ký thay đổi nội dung đăng ký doanh nghiệp", sector: "G05-DKKD", agencies: [province], days: 3,
                  fees: [ProcedureFee(code: "LP-TDDN", name: "Lệ phí thay đổi nội dung đăng ký", amount: 50_000, collector: "Phòng Đăng ký kinh doanh")],
                  components: [component("TB", "Thông báo thay đổi nội dung đăng ký doanh nghiệp"), component("NQ", "Nghị quyết, quyết định của chủ sở hữu")],
                  fields: [EFormField(name: "enterpriseCode", label: "Mã số doanh nghiệp", type: .string, required: true, pattern: "[0-9]{10}(-[0-9]{3})?"),
                           EFormField(name: "change", label: "Nội dung thay đổi", type: .string, required: true)],
                  result: "Giấy xác nhận thay đổi nội dung đăng ký doanh nghiệp", shares: [10, 60, 30],
                  legal: ["Luật Doanh nghiệp số 59/2020/QH14", "Nghị định 168/2025/NĐ-CP"]),
        procedure("1.009994", "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ", sector: "G15-XD", agencies: [province], days: 15, online: "partial",
                  fees: [ProcedureFee(code: "LP-GPXD", name: "Lệ phí cấp giấy phép xây dựng nhà ở riêng lẻ", amount: 75_000, collector: "Sở Xây dựng")],
                  components: [component("DN", "Đơn đề nghị cấp giấy phép xây dựng"), component("QSDD", "Giấy tờ về quyền sử dụng đất", originals: 0, copies: 1),
                               component("BV", "Bản vẽ thiết kế xây dựng", originals: 2)],
                  fields: [EFormField(name: "plotAddress", label: "Địa điểm xây dựng", type: .string, required: true),
                           EFormField(name: "floorArea", label: "Tổng diện tích sàn (m²)", type: .number, required: true, min: 1, max: 100_000),
                           EFormField(name: "floors", label: "Số tầng", type: .integer, required: true, min: 1, max: 50)],
                  result: "Giấy phép xây dựng", shares: [5, 45, 20, 15, 15], interAgency: true, policy: .resume,
                  legal: ["Luật Xây dựng số 50/2014/QH13 (sửa đổi 2020)", "Nghị định 175/2024/NĐ-CP"]),
        procedure("1.012766", "Đăng ký đất đai, tài sản gắn liền với đất lần đầu", sector: "G12-DD", agencies: [province], days: 20, online: "partial",
                  fees: [ProcedureFee(code: "LP-GCN", name: "Lệ phí cấp Giấy chứng nhận", amount: 100_000, collector: "Văn phòng đăng ký đất đai")],
                  components: [component("DK", "Đơn đăng ký đất đai, tài sản gắn liền với đất"), component("GT", "Giấy tờ về quyền sử dụng đất", originals: 0, copies: 1),
                               component("SD", "Sơ đồ thửa đất", required: false)],
                  fields: [EFormField(name: "parcelNumber", label: "Số thửa", type: .string, required: true),
                           EFormField(name: "mapSheet", label: "Tờ bản đồ số", type: .string, required: true),
                           EFormField(name: "area", label: "Diện tích (m²)", type: .number, required: true, min: 1)],
                  result: "Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất", shares: [5, 45, 20, 15, 15],
                  interAgency: true, legal: ["Luật Đất đai số 31/2024/QH15", "Nghị định 101/2024/NĐ-CP"]),
        procedure("1.012774", "Đăng ký biến động quyền sử dụng đất do chuyển nhượng", sector: "G12-DD", agencies: [province], days: 10, online: "partial",
                  fees: [ProcedureFee(code: "LP-BD", name: "Lệ phí đăng ký biến động", amount: 30_000, collector: "Văn phòng đăng ký đất đai")],
                  components: [component("DB", "Đơn đăng ký biến động"), component("HD", "Hợp đồng chuyển nhượng đã công chứng"),
                               component("GCN", "Giấy chứng nhận đã cấp")],
                  fields: [EFormField(name: "certificateNumber", label: "Số phát hành Giấy chứng nhận", type: .string, required: true),
                           EFormField(name: "transfereeName", label: "Bên nhận chuyển nhượng", type: .string, required: true)],
                  result: "Giấy chứng nhận (đã xác nhận biến động)", legal: ["Luật Đất đai số 31/2024/QH15", "Nghị định 101/2024/NĐ-CP"]),
        procedure("1.004194", "Đăng ký thường trú", sector: "G09-CT", level: "commune", agencies: [province], days: 7,
                  fees: [ProcedureFee(code: "LP-TT", name: "Lệ phí đăng ký cư trú (trực tuyến)", amount: 10_000, collector: "Công an cấp xã")],
                  components: [component("CT01", "Tờ khai thay đổi thông tin cư trú (CT01)"), component("CMCH", "Giấy tờ chứng minh chỗ ở hợp pháp", originals: 0, copies: 1)],
                  fields: [EFormField(name: "newAddress", label: "Địa chỉ đăng ký thường trú", type: .string, required: true),
                           EFormField(name: "ownerConsent", label: "Chủ hộ đồng ý", type: .boolean, required: true)],
                  result: "Thông báo kết quả đăng ký thường trú", shares: [20, 50, 30], legal: ["Luật Cư trú số 68/2020/QH14", "Nghị định 154/2024/NĐ-CP"]),
        procedure("1.004222", "Đăng ký tạm trú", sector: "G09-CT", level: "commune", agencies: [province], days: 3,
                  fees: [ProcedureFee(code: "LP-TAMT", name: "Lệ phí đăng ký tạm trú (trực tuyến)", amount: 7_000, collector: "Công an cấp xã")],
                  components: [component("CT01", "Tờ khai thay đổi thông tin cư trú (CT01)"), component("CMCH", "Giấy tờ chứng minh chỗ ở hợp pháp", originals: 0, copies: 1)],
                  fields: [EFormField(name: "address", label: "Địa chỉ tạm trú", type: .string, required: true),
                           EFormField(name: "until", label: "Tạm trú đến ngày", type: .date, required: true)],
                  result: "Thông báo kết quả đăng ký tạm trú", shares: [20, 50, 30], legal: ["Luật Cư trú số 68/2020/QH14"]),
        procedure("1.005092", "Công nhận tốt nghiệp và cấp bằng tốt nghiệp trung học cơ sở", sector: "G03-GD10", agencies: [province], days: 10,
                  online: "none", channels: [.direct],
                  components: [component("DS", "Danh sách học sinh đề nghị công nhận tốt nghiệp"), component("HB", "Học bạ", originals: 0, copies: 1)],
                  fields: [EFormField(name: "schoolName", label: "Tên trường", type: .string, required: true),
                           EFormField(name: "schoolYear", label: "Năm học", type: .string, required: true, pattern: "[0-9]{4}-[0-9]{4}")],
                  result: "Bằng tốt nghiệp trung học cơ sở", shares: [10, 60, 30], legal: ["Luật Giáo dục số 43/2019/QH14"]),
        procedure("1.001714", "Chuyển trường đối với học sinh trung học phổ thông", sector: "G03-GD10", agencies: [province], days: 3,
                  components: [component("DXCT", "Đơn xin chuyển trường"), component("HB", "Học bạ (bản chính)")],
                  fields: [EFormField(name: "studentName", label: "Họ và tên học sinh", type: .string, required: true),
                           EFormField(name: "grade", label: "Lớp", type: .integer, required: true, min: 10, max: 12),
                           EFormField(name: "toSchool", label: "Trường chuyển đến", type: .string, required: true)],
                  result: "Văn bản đồng ý chuyển trường", shares: [20, 50, 30], legal: ["Thông tư 50/2021/TT-BGDĐT"]),
        procedure("1.002464", "Cấp chứng chỉ hành nghề khám bệnh, chữa bệnh", sector: "G07-KB", agencies: [province], days: 20, online: "partial",
                  fees: [ProcedureFee(code: "P-CCHN", name: "Phí thẩm định cấp chứng chỉ hành nghề", amount: 360_000, collector: "Sở Y tế")],
                  components: [component("DN", "Đơn đề nghị cấp chứng chỉ hành nghề"), component("VB", "Văn bằng chuyên môn", originals: 0, copies: 1),
                               component("GKSK", "Giấy chứng nhận đủ sức khỏe")],
                  fields: [EFormField(name: "profession", label: "Chức danh chuyên môn", type: .enum, required: true,
                                      options: ["Bác sỹ", "Y sỹ", "Điều dưỡng", "Hộ sinh", "Kỹ thuật y"]),
                           EFormField(name: "practiceScope", label: "Phạm vi hành nghề", type: .string, required: true)],
                  result: "Chứng chỉ hành nghề khám bệnh, chữa bệnh", shares: [5, 45, 20, 15, 15], interAgency: true,
                  legal: ["Luật Khám bệnh, chữa bệnh số 15/2023/QH15", "Nghị định 96/2023/NĐ-CP"]),
        procedure("1.003010", "Chứng thực bản sao từ bản chính giấy tờ, văn bản", sector: "G13-CT", level: "commune", days: 1, online: "partial",
                  fees: [fee("P-CTBS", "Phí chứng thực bản sao (mỗi trang)", 2_000)],
                  components: [component("BC", "Bản chính giấy tờ, văn bản", digitise: false), component("BS", "Bản sao cần chứng thực", originals: 0, copies: 1)],
                  fields: [EFormField(name: "pages", label: "Số trang", type: .integer, required: true, min: 1, max: 500)],
                  result: "Bản sao được chứng thực", shares: [20, 50, 30], legal: ["Nghị định 23/2015/NĐ-CP"]),
        procedure("1.000775", "Cấp Giấy xác nhận tình trạng hôn nhân", sector: hoTich, level: "commune", days: 3,
                  components: [declaration, identity],
                  fields: [EFormField(name: "purpose", label: "Mục đích sử dụng", type: .string, required: true),
                           EFormField(name: "maritalStatus", label: "Tình trạng hôn nhân", type: .enum, required: true,
                                      options: ["Chưa kết hôn", "Đã ly hôn", "Vợ/chồng đã chết"])],
                  result: "Giấy xác nhận tình trạng hôn nhân", shares: [20, 50, 30], legal: lawHoTich),
        procedure("1.001255", "Thay đổi, cải chính, bổ sung thông tin hộ tịch", sector: hoTich, days: 3,
                  components: [declaration, component("GTLQ", "Giấy tờ liên quan làm căn cứ", originals: 0, copies: 1), identity],
                  fields: [EFormField(name: "currentValue", label: "Thông tin hiện tại", type: .string, required: true),
                           EFormField(name: "requestedValue", label: "Thông tin đề nghị thay đổi", type: .string, required: true),
                           EFormField(name: "reason", label: "Lý do", type: .string, required: true, max: 1000)],
                  result: "Trích lục thay đổi, cải chính hộ tịch", policy: .resume, legal: lawHoTich),
        procedure("1.008901", "Cấp Giấy phép lái xe (đổi)", sector: "G09-GPLX", agencies: [province], days: 5, online: "full",
                  fees: [ProcedureFee(code: "LP-GPLX", name: "Lệ phí cấp đổi Giấy phép lái xe", amount: 135_000, collector: "Công an tỉnh")],
                  components: [component("DD", "Đơn đề nghị đổi giấy phép lái xe"), component("GKSK", "Giấy khám sức khỏe người lái xe")],
                  fields: [EFormField(name: "licenceNumber", label: "Số giấy phép lái xe", type: .string, required: true, pattern: "[0-9]{12}"),
                           EFormField(name: "licenceClass", label: "Hạng", type: .enum, required: true, options: ["A1", "A", "B", "C1", "C", "D", "E"])],
                  result: "Giấy phép lái xe", shares: [20, 50, 30], legal: ["Luật Trật tự, an toàn giao thông đường bộ số 36/2024/QH15"]),
        procedure("1.001612", "Xác nhận thông tin hộ tịch (trả lời trong ngày)", sector: hoTich, level: "commune", days: 4, unit: .workingHours,
                  components: [declaration],
                  fields: [EFormField(name: "subjectName", label: "Họ tên người cần xác nhận", type: .string, required: true)],
                  result: "Văn bản xác nhận thông tin hộ tịch", shares: [20, 50, 30], legal: lawHoTich),
    ]
}
