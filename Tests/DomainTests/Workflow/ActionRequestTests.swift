import Domain
import Foundation
import Testing

@Suite struct ActionRequestTests {
    func parse(_ kind: DossierAction.Kind, _ json: String, steps: Int = 3) throws -> Result<ActionRequest, ValidationFailure> {
        ActionRequest.parse(kind, body: try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8)), stepCount: steps)
    }

    func fields(_ result: Result<ActionRequest, ValidationFailure>) -> [String] {
        if case .failure(let failure) = result { return failure.errors.map(\.field) }
        return []
    }

    @Test(arguments: DossierAction.Kind.allCases)
    func everyActionRefusesUnknownFields(_ kind: DossierAction.Kind) throws {
        #expect(fields(try parse(kind, #"{"bogus": 1}"#)).contains("bogus"))
    }

    @Test(arguments: DossierAction.Kind.allCases)
    func requiredFieldsAreNamedWhenMissing(_ kind: DossierAction.Kind) throws {
        let missing = fields(try parse(kind, "{}"))
        #expect(Set(missing) == Set(ActionRequest.fields(of: kind)), "\(kind)")
    }

    @Test func buildsTheActionsWithTheirData() throws {
        #expect(try parse(.receive, "{}").get().action == .receive)
        #expect(try parse(.receive, "null").get().action == .receive)
        #expect(try parse(.completeStep, #"{"note": "Đã thẩm định"}"#, steps: 4).get() ==
                ActionRequest(action: .completeStep(stepCount: 4), note: "Đã thẩm định", newDueDate: nil))
        #expect(try parse(.refuse, #"{"reason": "  Không thuộc thẩm quyền  "}"#).get().action == .refuse(reason: "Không thuộc thẩm quyền"))
        #expect(try parse(.requestSupplement, #"{"missingItems": ["Bản sao CCCD", "Giấy chứng sinh"]}"#).get().action ==
                .requestSupplement(missingItems: ["Bản sao CCCD", "Giấy chứng sinh"]))
        #expect(try parse(.consult, #"{"agencies": ["000.00.01.H30"]}"#).get().action == .consult(agencies: [AgencyIdentifier("000.00.01.H30")!]))
        #expect(try parse(.requestPayment, #"{"amount": 50000}"#).get().action == .requestPayment(amount: 50_000))
        #expect(try parse(.returnResult, #"{"channel": "postal"}"#).get().action == .returnResult(channel: .postal))
        let extension4 = try parse(.extend, #"{"reason": "Cần xác minh thêm", "newDueDate": "2026-12-04"}"#).get()
        #expect(extension4.action == .extend(reason: "Cần xác minh thêm"))
        #expect(extension4.newDueDate == LocalDate(year: 2026, month: 12, day: 4))
    }

    @Test func namesBadValues() throws {
        #expect(fields(try parse(.refuse, #"{"reason": "   "}"#)) == ["reason"])
        #expect(fields(try parse(.requestPayment, #"{"amount": 12.5}"#)) == ["amount"])
        #expect(fields(try parse(.requestPayment, #"{"amount": "50000"}"#)) == ["amount"])
        #expect(fields(try parse(.consult, #"{"agencies": ["H30", "000.00.00.H30"]}"#)) == ["agencies[0]"])
        #expect(fields(try parse(.consult, #"{"agencies": ["000.00.00.H30", 7]}"#)) == ["agencies[1]"])
        #expect(fields(try parse(.returnResult, #"{"channel": "fax"}"#)) == ["channel"])
        #expect(fields(try parse(.extend, #"{"reason": "x", "newDueDate": "04/12/2026"}"#)) == ["newDueDate"])
        #expect(fields(try parse(.receive, "[]")) == [""])
        #expect(fields(try parse(.receive, #"{"note": 5}"#)) == ["note"])
    }

    @Test func isoDates() {
        #expect(LocalDate(iso: "2026-02-28")?.description == "2026-02-28")
        #expect(LocalDate(iso: "2026-02-29") == nil)
        #expect(LocalDate(iso: "2026-2-28") == nil)
        #expect(LocalDate(iso: "20260228") == nil)
    }
}
