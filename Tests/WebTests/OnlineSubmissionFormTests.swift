import Contracts
import Domain
import Foundation
import Testing
@testable import OnegateWeb

@Suite struct OnlineSubmissionFormTests {
    static let procedure = ProcedureDefinition(
        code: "1.001193", name: "Đăng ký khai sinh", sectorCode: "HOTICH", level: "commune", agencies: ["000.00.00.H30"],
        processingTime: try! TimeBudget.make(1, .workingDays).get(), onlineServiceLevel: "full", channels: [.online, .direct],
        fees: [], components: [
            DossierComponent(code: "TK", name: "Tờ khai", required: true, originals: 1, copies: 0, mustDigitise: false),
            DossierComponent(code: "UQ", name: "Ủy quyền", required: false, originals: 1, copies: 0, mustDigitise: false),
        ],
        eForm: EFormDefinition(fields: [
            EFormField(name: "childName", label: "Họ tên trẻ", type: .string, required: true, max: 10),
            EFormField(name: "childBirthDate", label: "Ngày sinh", type: .date, required: true),
            EFormField(name: "childSex", label: "Giới tính", type: .enum, required: true, options: ["Nam", "Nữ"]),
            EFormField(name: "copies", label: "Số bản sao", type: .integer, required: true, min: 1, max: 10),
            EFormField(name: "urgent", label: "Cần gấp", type: .boolean),
            EFormField(name: "weight", label: "Cân nặng", type: .number),
        ]),
        results: [], workflow: [], clockPolicy: .resume, legalBasis: [])

    static let complete: [String: String] = [
        "applicant.kind": "citizen", "applicant.name": " Nguyễn Văn An ", "applicant.idNumber": "001203004567",
        "form.childName": "Nguyễn Bé", "form.childBirthDate": "2026-11-20", "form.childSex": "Nữ", "form.copies": "2",
        "form.weight": "3,2", "doc.TK": "0b5c1a2e-8a3b-4c57-9e0f-2d4b6a8c0e11", "docname.TK": "to-khai.pdf",
        "csrf": "ignored", "step": "review",
    ]

    @Test func aCompleteFormBuildsTheSubmissionIntakeTakes() throws {
        let form = OnlineSubmissionForm(procedure: Self.procedure, fields: Self.complete)
        #expect(form.problems.isEmpty)
        let submission = try SubmissionValidator.validate(form.document).get()
        #expect(submission.channel == .online)
        #expect(submission.agencyCode.rawValue == "000.00.00.H30")
        #expect(submission.applicant.name == "Nguyễn Văn An")
        #expect(submission.form["copies"] == .number(2))
        #expect(submission.form["weight"] == .number(3.2))
        #expect(submission.form["urgent"] == .bool(false))
        #expect(submission.form["childBirthDate"] == .string("2026-11-20"))
        #expect(submission.attachments.map(\.componentCode) == ["TK"])
        #expect(submission.attachments.map(\.documentId) == ["0b5c1a2e-8a3b-4c57-9e0f-2d4b6a8c0e11"])
    }

    @Test func everyProblemIsNamedByItsPageFieldInPageOrder() {
        var fields = Self.complete
        fields["applicant.idNumber"] = "12345"
        fields["applicant.phone"] = "12"
        fields["form.childName"] = "Một cái tên quá dài"
        fields["form.childBirthDate"] = "2026-02-30"
        fields["form.childSex"] = "Khác"
        fields["form.copies"] = "hai"
        fields["doc.TK"] = nil
        let problems = OnlineSubmissionForm(procedure: Self.procedure, fields: fields).problems
        #expect(problems.map(\.field) == ["applicant.idNumber", "applicant.phone", "form.childName", "form.childBirthDate",
                                          "form.childSex", "form.copies", "doc.TK"])
        #expect(problems.map(\.key) == ["error_pin", "error_phone", "error_max_length", "error_date", "error_option", "error_number",
                                        "error_required"])
        #expect(problems[2].values == ["limit": "10"])
    }

    @Test func blankRequiredFieldsAndBounds() {
        var fields = Self.complete
        fields["applicant.name"] = "   "
        fields["form.copies"] = "11"
        fields["form.childSex"] = ""
        let problems = OnlineSubmissionForm(procedure: Self.procedure, fields: fields).problems
        #expect(problems.map(\.field) == ["applicant.name", "form.childSex", "form.copies"])
        #expect(problems.map(\.key) == ["error_required", "error_required", "error_max"])
        #expect(problems[2].values == ["limit": "10"])
    }

    @Test func anOrganisationNeedsATaxCode() {
        var fields = Self.complete
        fields["applicant.kind"] = "organisation"
        #expect(OnlineSubmissionForm(procedure: Self.procedure, fields: fields).problems.map(\.key) == ["error_tax_code"])
        fields["applicant.idNumber"] = "0101234567-001"
        #expect(OnlineSubmissionForm(procedure: Self.procedure, fields: fields).problems.isEmpty)
    }

    @Test func aProcedureOfSeveralAgenciesNeedsOneOfThem() {
        var procedure = Self.procedure
        procedure.agencies = ["000.00.00.H30", "000.00.00.H62"]
        var fields = Self.complete
        #expect(OnlineSubmissionForm(procedure: procedure, fields: fields).problems.map(\.field) == ["agencyCode"])
        fields["agencyCode"] = "000.00.00.H99"
        #expect(OnlineSubmissionForm(procedure: procedure, fields: fields).problems.map(\.key) == ["error_option"])
        fields["agencyCode"] = "000.00.00.H62"
        #expect(OnlineSubmissionForm(procedure: procedure, fields: fields).problems.isEmpty)
    }

    @Test func aCheckedBoxIsTrueAndNumbersAcceptVietnameseSeparators() {
        var fields = Self.complete
        fields["form.urgent"] = "true"
        fields["form.capital"] = "1.250.000"
        let form = OnlineSubmissionForm(procedure: Self.procedure, fields: fields)
        let submission = try? SubmissionValidator.validate(form.document).get()
        #expect(submission?.form["urgent"] == JSONValue.bool(true))
        #expect(form.problems.isEmpty)
        #expect(form.typedValue(EFormField(name: "capital", label: "Vốn", type: .integer)) == .number(1_250_000))
        #expect(form.typedValue(EFormField(name: "childName", label: "Tên", type: .integer)) == .string("Nguyễn Bé"))
    }

    @Test func fileSizes() {
        #expect(FileSize.text(25 << 20) == "25 MB")
        #expect(FileSize.text(1_572_864) == "1,5 MB")
        #expect(FileSize.text(850 * 1024) == "850 KB")
        #expect(FileSize.text(12) == "12 B")
    }
}
