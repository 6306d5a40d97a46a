import Domain
import Logging
import ServiceKit

/// The demo content of the shared catalogs (`ONEGATE_DEMO_SEED=1`), written as the CSV files an
/// administrator would import and loaded through the same rules. Idempotent: entries are upserted
/// by code, so a restart changes nothing. No event is emitted for the seed.
struct DemoSharedCatalogs {
    func seed(runtime: ServiceRuntime) async throws {
        let handlers = SharedCatalogHandlers(runtime: runtime)
        let logger = runtime.logger
        for (catalog, csv) in Self.files {
            let file = try SharedCatalogCSV.records(of: csv)
            let rows = try SharedCatalogImport.validate(catalog, header: file.header, records: file.rows)
            let result = try await runtime.database.transaction(logger: logger) { connection in
                try await handlers.upsert(rows, into: catalog, on: connection, logger: logger)
            }
            logger.info("demo shared catalog seeded", metadata: [
                "catalog": "\(catalog.rawValue)", "created": "\(result.created)", "updated": "\(result.updated)",
            ])
        }
    }

    /// In dependency order: units before the agencies that refer to them.
    static let files: [(SharedCatalog, String)] = [
        (.administrativeUnits, """
            code,name,level,parentCode
            H30,Tỉnh Demo,province,
            30001,Phường Hòa Bình,commune,H30
            30002,Phường Đông Hải,commune,H30
            30003,Xã Tân Lập,commune,H30
            30004,Xã Phú Mỹ,commune,H30
            30005,Xã Đắk Sơn,commune,H30
            """),
        (.agencies, """
            code,name,parentCode,administrativeUnit
            000.00.00.H30,Ủy ban nhân dân tỉnh Demo,,H30
            000.00.01.H30,Sở Tư pháp,000.00.00.H30,H30
            000.00.02.H30,Sở Tài chính,000.00.00.H30,H30
            000.00.03.H30,Sở Xây dựng,000.00.00.H30,H30
            000.00.04.H30,Sở Nông nghiệp và Môi trường,000.00.00.H30,H30
            000.00.05.H30,Trung tâm Phục vụ hành chính công tỉnh,000.00.00.H30,H30
            000.00.21.H30,Ủy ban nhân dân phường Hòa Bình,000.00.00.H30,30001
            000.00.22.H30,Ủy ban nhân dân xã Tân Lập,000.00.00.H30,30003
            """),
        (.sectors, """
            code,name,ministry
            G09-HT01,Hộ tịch,Bộ Tư pháp
            G09-LLTP01,Lý lịch tư pháp,Bộ Tư pháp
            G09-CT01,Chứng thực,Bộ Tư pháp
            G06-DN01,Thành lập và hoạt động của doanh nghiệp,Bộ Tài chính
            G06-HKD01,Thành lập và hoạt động của hộ kinh doanh,Bộ Tài chính
            G11-XD01,Hoạt động xây dựng,Bộ Xây dựng
            G12-DD01,Đất đai,Bộ Nông nghiệp và Môi trường
            G03-GD10,Giáo dục và Đào tạo thuộc hệ thống giáo dục quốc dân,Bộ Giáo dục và Đào tạo
            """),
        (.documentTypes, """
            code,name,description
            CCCD,Thẻ căn cước công dân,Giấy tờ tùy thân của công dân Việt Nam
            CC,Thẻ căn cước,Cấp từ ngày 1/7/2024
            HC,Hộ chiếu,
            GKS,Giấy khai sinh,
            GCNKH,Giấy chứng nhận kết hôn,
            TKHT,Tờ khai hộ tịch,
            GCNDKDN,Giấy chứng nhận đăng ký doanh nghiệp,
            GPXD,Giấy phép xây dựng,
            GCNQSDD,Giấy chứng nhận quyền sử dụng đất,
            PLLTP,Phiếu lý lịch tư pháp,
            GUQ,Giấy ủy quyền,
            """),
        (.ethnicities, """
            code,name,otherNames
            01,Kinh,Việt
            02,Tày,
            03,Thái,
            04,Hoa,
            05,Khơ-me,
            06,Mường,
            07,Nùng,
            08,Mông,Hmông
            09,Dao,
            10,Gia-rai,
            11,Ngái,
            12,Ê-đê,
            13,Ba-na,
            14,Xơ-đăng,
            15,Sán Chay,
            16,Cơ-ho,
            17,Chăm,
            18,Sán Dìu,
            19,Hrê,
            20,Mnông,
            21,Ra-glai,
            22,Xtiêng,
            23,Bru-Vân Kiều,
            24,Thổ,
            25,Giáy,
            26,Cơ-tu,
            27,Gié-Triêng,
            28,Mạ,
            29,Khơ-mú,
            30,Co,
            31,Tà-ôi,
            32,Chơ-ro,
            33,Kháng,
            34,Xinh-mun,
            35,Hà Nhì,
            36,Chu-ru,
            37,Lào,
            38,La Chí,
            39,La Ha,
            40,Phù Lá,
            41,La Hủ,
            42,Lự,
            43,Lô Lô,
            44,Chứt,
            45,Mảng,
            46,Pà Thẻn,
            47,Cờ Lao,
            48,Cống,
            49,Bố Y,
            50,Si La,
            51,Pu Péo,
            52,Brâu,
            53,Ơ-đu,
            54,Rơ-măm,
            """),
        (.nationalities, """
            code,name,englishName
            VN,Việt Nam,Viet Nam
            LA,Lào,Lao People's Democratic Republic
            KH,Campuchia,Cambodia
            TH,Thái Lan,Thailand
            MM,Mi-an-ma,Myanmar
            MY,Ma-lai-xi-a,Malaysia
            SG,Xin-ga-po,Singapore
            ID,In-đô-nê-xi-a,Indonesia
            PH,Phi-líp-pin,Philippines
            BN,Bru-nây,Brunei Darussalam
            TL,Đông Ti-mo,Timor-Leste
            CN,Trung Quốc,China
            JP,Nhật Bản,Japan
            KR,Hàn Quốc,"Korea, Republic of"
            KP,Triều Tiên,"Korea, Democratic People's Republic of"
            IN,Ấn Độ,India
            AU,Ô-xtrây-li-a,Australia
            NZ,Niu Di-lân,New Zealand
            US,Hoa Kỳ,United States of America
            CA,Ca-na-đa,Canada
            GB,Vương quốc Anh,United Kingdom
            FR,Pháp,France
            DE,Đức,Germany
            IT,I-ta-li-a,Italy
            ES,Tây Ban Nha,Spain
            NL,Hà Lan,Netherlands
            BE,Bỉ,Belgium
            CH,Thụy Sĩ,Switzerland
            SE,Thụy Điển,Sweden
            PL,Ba Lan,Poland
            CZ,Séc,Czechia
            RU,Liên bang Nga,Russian Federation
            UA,U-crai-na,Ukraine
            CU,Cu-ba,Cuba
            BR,Bra-xin,Brazil
            ZA,Nam Phi,South Africa
            """),
    ]
}
