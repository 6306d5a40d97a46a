import Contracts
import Domain
import Foundation
import Testing

@Suite struct SharedCatalogFormatTests {
    @Test(arguments: ["H30", "A01", "G03"])
    func provinceCodes(_ code: String) {
        #expect(SharedCatalogRules.isProvinceCode(code))
        #expect(SharedCatalogRules.codeProblem(code, in: .administrativeUnits, level: .province) == nil)
    }

    @Test(arguments: ["h30", "H3", "H300", "30", "HH0", "Ｈ30", ""])
    func malformedProvinceCodes(_ code: String) {
        #expect(!SharedCatalogRules.isProvinceCode(code))
    }

    @Test func communeCodesHaveFiveDigits() {
        #expect(SharedCatalogRules.isCommuneCode("30001"))
        #expect(!SharedCatalogRules.isCommuneCode("3000"))
        #expect(!SharedCatalogRules.isCommuneCode("300011"))
        #expect(!SharedCatalogRules.isCommuneCode("3000a"))
        #expect(SharedCatalogRules.codeProblem("H30", in: .administrativeUnits, level: .commune) != nil)
        #expect(SharedCatalogRules.codeProblem("30001", in: .administrativeUnits, level: .province) != nil)
    }

    @Test(arguments: ["G03-GD10", "H30-HT", "G09-LLTP01", "A00-ABCDEFGHIJ"])
    func sectorCodes(_ code: String) {
        #expect(SharedCatalogRules.isSectorCode(code))
    }

    @Test(arguments: ["G03GD10", "G03-", "G03-G", "g03-GD10", "G03-10GD", "G03-gd10", "G3-GD10", "G03-GD10-X", "G03-ABCDEFGHIJK"])
    func malformedSectorCodes(_ code: String) {
        #expect(!SharedCatalogRules.isSectorCode(code))
    }

    @Test func agencyCodesUseTheAgencyIdentifier() {
        #expect(SharedCatalogRules.codeProblem("000.00.01.H30", in: .agencies) == nil)
        #expect(SharedCatalogRules.codeProblem("000.00.01.h30", in: .agencies) != nil)
        #expect(SharedCatalogRules.codeProblem("H30", in: .agencies) != nil)
    }

    @Test func ethnicityCodesRunFrom01To54() {
        #expect(SharedCatalogRules.isEthnicityCode("01"))
        #expect(SharedCatalogRules.isEthnicityCode("54"))
        #expect(!SharedCatalogRules.isEthnicityCode("00"))
        #expect(!SharedCatalogRules.isEthnicityCode("55"))
        #expect(!SharedCatalogRules.isEthnicityCode("1"))
        #expect(!SharedCatalogRules.isEthnicityCode("+1"))
    }

    @Test func nationalityCodesAreAlpha2() {
        #expect(SharedCatalogRules.isNationalityCode("VN"))
        #expect(!SharedCatalogRules.isNationalityCode("vn"))
        #expect(!SharedCatalogRules.isNationalityCode("VNM"))
        #expect(!SharedCatalogRules.isNationalityCode("V1"))
    }

    @Test func documentTypeCodes() {
        #expect(SharedCatalogRules.isDocumentTypeCode("CCCD"))
        #expect(SharedCatalogRules.isDocumentTypeCode("GCN.QSDD-2"))
        #expect(!SharedCatalogRules.isDocumentTypeCode("-X"))
        #expect(!SharedCatalogRules.isDocumentTypeCode("cccd"))
        #expect(!SharedCatalogRules.isDocumentTypeCode(String(repeating: "A", count: 21)))
    }

    @Test func levelsSinceJuly2025() {
        #expect(SharedCatalogRules.levelProblem("province") == nil)
        #expect(SharedCatalogRules.levelProblem("commune") == nil)
        #expect(SharedCatalogRules.levelProblem("district")?.contains("2025") == true)
        #expect(SharedCatalogRules.levelProblem("") == "is required")
    }

    @Test func texts() {
        #expect(SharedCatalogRules.textProblem("Phường Hòa Bình", required: true) == nil)
        #expect(SharedCatalogRules.textProblem("", required: true) == "is required")
        #expect(SharedCatalogRules.textProblem("", required: false) == nil)
        #expect(SharedCatalogRules.textProblem("a\u{7}b", required: true) != nil)
        #expect(SharedCatalogRules.textProblem("a\nb", required: true) != nil)
        #expect(SharedCatalogRules.textProblem("a\r\nb", required: false, multiline: true) == nil)
        #expect(SharedCatalogRules.textProblem("a\u{7}b", required: false, multiline: true) != nil)
        #expect(SharedCatalogRules.textProblem(String(repeating: "ê", count: 301), required: true) != nil)
    }

    @Test func everyCatalogStartsWithCodeAndName() {
        for catalog in SharedCatalog.allCases {
            #expect(catalog.columns.prefix(2).map(\.name) == ["code", "name"])
            #expect(Set(catalog.columns.map(\.name)).count == catalog.columns.count)
        }
        #expect(SharedCatalog(rawValue: "administrative-units") == .administrativeUnits)
        #expect(SharedCatalog.knownNames.contains("document-types"))
    }
}

@Suite struct SharedCatalogImportTests {
    /// Splits simple CSV text (no quotes) into numbered records, like the service does with CSV.swift.
    func file(_ text: String) -> (SharedCatalogRecord?, [SharedCatalogRecord]) {
        let records = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map {
            SharedCatalogRecord(line: $0.offset + 1, fields: $0.element.split(separator: ",", omittingEmptySubsequences: false).map(String.init))
        }
        return (records.first, Array(records.dropFirst()))
    }

    func validate(_ catalog: SharedCatalog, _ text: String) throws(ValidationFailure) -> [SharedCatalogRow] {
        let (header, records) = file(text)
        return try SharedCatalogImport.validate(catalog, header: header, records: records)
    }

    func errors(_ catalog: SharedCatalog, _ text: String) -> [FieldError] {
        do {
            _ = try validate(catalog, text)
            return []
        } catch {
            return error.errors
        }
    }

    @Test func goodUnitsBecomeEntries() throws {
        let rows = try validate(.administrativeUnits, """
            code,name,level,parentCode
            H30,Tỉnh Demo,province,
             30001 , Phường Hòa Bình ,commune,H30

            """)
        #expect(rows.map(\.line) == [2, 3])
        #expect(rows[0].entry == SharedCatalogEntry(code: "H30", name: "Tỉnh Demo", attributes: ["level": "province"]))
        #expect(rows[1].entry == SharedCatalogEntry(code: "30001", name: "Phường Hòa Bình",
                                                    attributes: ["level": "commune", "parentCode": "H30"]))
    }

    @Test func optionalColumnsMayBeLeftOutAndColumnsReordered() throws {
        let rows = try validate(.nationalities, "name,code\nViệt Nam,VN")
        #expect(rows.first?.entry == SharedCatalogEntry(code: "VN", name: "Việt Nam"))
    }

    @Test func everyBadLineIsNamed() {
        let found = errors(.administrativeUnits, """
            code,name,level,parentCode
            H30,Tỉnh Demo,province,
            30001,,commune,H30
            30002,Xã Một,district,H30
            3003,Xã Hai,commune,
            H31,Tỉnh Khác,province,H30
            30001,Trùng,commune,H30
            30009,Thiếu cột,commune
            """)
        #expect(found.map(\.field) == ["line 3: name", "line 4: level", "line 5: code", "line 5: parentCode",
                                        "line 6: parentCode", "line 7: code", "line 8"])
        #expect(found.first { $0.field == "line 7: code" }?.message == "repeats the code of line 3")
        #expect(found.first { $0.field == "line 4: level" }?.message.contains("2025") == true)
    }

    @Test func headerIsRequiredAndChecked() {
        #expect(errors(.sectors, "").map(\.field) == ["line 1"])
        #expect(errors(.sectors, "code,name\nG03-GD10,Giáo dục").map(\.field) == ["line 1: ministry"])
        #expect(errors(.sectors, "code,name,ministry,colour,code\nG03-GD10,Giáo dục,Bộ GD,đỏ,G03-GD10").map(\.field)
                == ["line 1: colour", "line 1: code"])
        #expect(errors(.sectors, "code,name,ministry\n").map(\.field) == ["line 2"], "a header alone imports nothing")
    }

    @Test func catalogRules() {
        #expect(errors(.agencies, "code,name,parentCode\n000.00.01.H30,Sở Tư pháp,000.00.01.H30\n000.0.02.H30,Sở,x").map(\.field)
                == ["line 2: parentCode", "line 3: code", "line 3: parentCode"])
        #expect(errors(.sectors, "code,name,ministry\nG03-GD10,Giáo dục,").map(\.field) == ["line 2: ministry"])
        #expect(errors(.ethnicities, "code,name\n55,Không có").map(\.field) == ["line 2: code"])
        #expect(errors(.nationalities, "code,name\nvn,Việt Nam").map(\.field) == ["line 2: code"])
        #expect(errors(.documentTypes, "code,name\n,Giấy").map(\.field) == ["line 2: code"])
    }

    @Test func errorsAreLimited() {
        let lines = (1...300).map { "X\($0),Sai" }
        let found = errors(.ethnicities, "code,name\n" + lines.joined(separator: "\n"))
        #expect(found.count == SharedCatalogImport.maximumErrors + 1)
        #expect(found.last?.field == "file")
    }

    @Test func byteOrderMarkIsStripped() {
        #expect(SharedCatalogImport.strippingByteOrderMark("\u{FEFF}code,name") == "code,name")
        #expect(SharedCatalogImport.strippingByteOrderMark("code,name") == "code,name")
    }

    @Test func referencesResolveInTheFileOrTheStore() throws {
        let units = try validate(.administrativeUnits, "code,name,level,parentCode\nH31,Tỉnh Mới,province,\n31001,Xã A,commune,H31\n30001,Xã B,commune,H30\n30002,Xã C,commune,H99\n30003,Xã D,commune,H32")
        let stored: [SharedCatalog: [String: SharedCatalogEntry]] = [.administrativeUnits: [
            "H30": SharedCatalogEntry(code: "H30", name: "Tỉnh Demo", attributes: ["level": "province"]),
            "H32": SharedCatalogEntry(code: "H32", name: "Lạ", attributes: ["level": "commune"]),
        ]]
        #expect(SharedCatalogImport.references(of: units, in: .administrativeUnits)[.administrativeUnits] == ["H31", "H30", "H99", "H32"])
        #expect(SharedCatalogImport.unresolvedReferences(units, in: .administrativeUnits, stored: stored).map(\.field)
                == ["line 5: parentCode", "line 6: parentCode"])

        let agencies = try validate(.agencies, "code,name,parentCode,administrativeUnit\n000.00.00.H30,UBND,,H30\n000.00.01.H30,Sở,000.00.00.H30,H30\n000.00.02.H30,Sở,000.00.09.H30,30009")
        #expect(SharedCatalogImport.unresolvedReferences(agencies, in: .agencies, stored: stored).map(\.field)
                == ["line 4: parentCode", "line 4: administrativeUnit"])
    }

    @Test func searchIgnoresCaseAndDiacritics() {
        #expect(SharedCatalogSearch.fold("Hà Nội") == "ha noi")
        #expect(SharedCatalogSearch.fold("ĐẮK LẮK") == "dak lak")
        #expect(SharedCatalogSearch.fold("Thừa Thiên Huế") == "thua thien hue")
        #expect(SharedCatalogSearch.fold("Ha\u{300} No\u{302}\u{323}i") == "ha noi", "decomposed input")
        #expect(SharedCatalogSearch.likePattern(" Hòa ") == "%hoa%")
        #expect(SharedCatalogSearch.likePattern("50%_x") == "%50\\%\\_x%")
        #expect(SharedCatalogSearch.searchText(of: SharedCatalogEntry(code: "H30", name: "Tỉnh Demo", attributes: ["level": "province"]))
                == "h30 tinh demo province")
    }
}

@Suite struct SharedCatalogWireTests {
    @Test func itemsCarryTheirColumnsAsFields() throws {
        let item = SharedCatalogItem(SharedCatalogEntry(code: "30001", name: "Phường Hòa Bình",
                                                        attributes: ["level": "commune", "parentCode": "H30"]))
        let json = String(decoding: try WireJSON.encode(item), as: UTF8.self)
        #expect(json.contains(#""code":"30001""#) && json.contains(#""parentCode":"H30""#) && json.contains("Phường Hòa Bình"))
        #expect(try WireJSON.decode(SharedCatalogItem.self, from: Data(json.utf8)) == item)
        #expect(SharedCatalogImportResult(name: "ethnicities", created: 1, updated: 2, unchanged: 3).total == 6)
        #expect(EventName.sharedCatalogChanged.type == "vn.onegate.shared-catalog.changed.v1")
    }
}
