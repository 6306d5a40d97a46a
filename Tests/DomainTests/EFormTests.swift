import Domain
import Testing

@Suite struct EFormTests {
    let definition = EFormDefinition(fields: [
        EFormField(name: "childName", label: "Họ tên", type: .string, required: true, min: 2, max: 10),
        EFormField(name: "idNumber", label: "Số định danh", type: .string, pattern: "[0-9]{12}"),
        EFormField(name: "weight", label: "Cân nặng", type: .number, min: 0.5, max: 9.5),
        EFormField(name: "copies", label: "Số bản", type: .integer, required: true, min: 1, max: 10),
        EFormField(name: "consent", label: "Đồng ý", type: .boolean),
        EFormField(name: "birthDate", label: "Ngày sinh", type: .date, required: true),
        EFormField(name: "sex", label: "Giới tính", type: .enum, options: ["Nam", "Nữ"]),
    ])

    func problems(_ form: [String: JSONValue]) -> [String: String] {
        Dictionary(EFormValidator.problems(in: .object(form), against: definition).map { ($0.field, $0.message) }) { first, _ in first }
    }

    @Test func aValidFormHasNoProblems() {
        let form: [String: JSONValue] = ["childName": .string("Nguyễn An"), "idNumber": .string("001203004567"), "weight": .number(3.2),
                                         "copies": .number(2), "consent": .bool(true), "birthDate": .string("2026-02-28"),
                                         "sex": .string("Nữ")]
        #expect(problems(form).isEmpty)
    }

    @Test func optionalFieldsMayBeLeftOutOrNull() {
        #expect(problems(["childName": .string("An Bình"), "copies": .number(1), "birthDate": .string("2026-01-01"), "sex": .null]).isEmpty)
    }

    @Test func everyProblemIsNamedWithItsPath() {
        let found = problems(["childName": .string("  "), "idNumber": .string("12345"), "weight": .number(12), "copies": .number(1.5),
                              "consent": .string("yes"), "birthDate": .string("2026-02-30"), "sex": .string("X"), "extra": .number(1)])
        #expect(Set(found.keys) == ["form.childName", "form.idNumber", "form.weight", "form.copies", "form.consent", "form.birthDate",
                                    "form.sex", "form.extra"])
        #expect(found["form.childName"] == "is required")
        #expect(found["form.weight"] == "must be at most 9.5")
        #expect(found["form.copies"] == "must be a whole number")
        #expect(found["form.sex"] == "must be one of Nam, Nữ")
    }

    @Test func requiredFieldsAreRequired() {
        #expect(Set(problems([:]).keys) == ["form.childName", "form.copies", "form.birthDate"])
    }

    @Test func stringLengthAndIntegerBounds() {
        let found = problems(["childName": .string("A"), "copies": .number(11), "birthDate": .string("2026-01-01")])
        #expect(found["form.childName"] == "must be at least 2 characters")
        #expect(found["form.copies"] == "must be at most 10")
        #expect(problems(["childName": .string("Nguyễn Thị Hồng Nhung"), "copies": .number(1), "birthDate": .string("2026-01-01")])
            .keys.contains("form.childName"))
    }

    @Test func patternsMatchTheWholeValue() {
        let base: [String: JSONValue] = ["childName": .string("An Bình"), "copies": .number(1), "birthDate": .string("2026-01-01")]
        #expect(problems(base.merging(["idNumber": .string("0012030045678")]) { $1 }).keys.contains("form.idNumber"))
        #expect(problems(base.merging(["idNumber": .string("x001203004567")]) { $1 }).keys.contains("form.idNumber"))
        #expect(EFormValidator.isValidPattern("[0-9]{12}"))
        #expect(!EFormValidator.isValidPattern("("))
    }

    @Test func theFormMustBeAnObject() {
        #expect(EFormValidator.problems(in: .array([]), against: definition) == [FieldError(field: "form", message: "must be an object, not array")])
    }

    @Test(arguments: ["2026-01-01", "2024-02-29"]) func datesParse(_ text: String) {
        #expect(EFormValidator.parseDate(text)?.description == text)
    }

    @Test(arguments: ["2026-1-01", "2025-02-29", "20260101", "2026-13-01", "2026-01-0x", ""]) func badDatesDoNot(_ text: String) {
        #expect(EFormValidator.parseDate(text) == nil)
    }
}
