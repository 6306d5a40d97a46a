import Domain
import Foundation
import Testing

@Suite struct SubmissionValidatorTests {
    static let valid = """
        {"procedureCode": "1.000948", "agencyCode": "000.00.00.H30", "channel": "online",
         "applicant": {"kind": "citizen", "name": " Nguyễn Văn An ", "idNumber": "001203004567",
                       "phone": "0912345678", "email": "an@example.vn", "address": "Hà Nội"},
         "form": {"childName": "Nguyễn Văn Bình"},
         "attachments": [{"componentCode": "TP1", "documentId": "0193A2B4-0000-7000-8000-000000000001"}]}
        """

    func json(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    func errors(_ text: String) throws -> [FieldError] {
        switch SubmissionValidator.validate(try json(text)) {
        case .success: return []
        case .failure(let failure): return failure.errors
        }
    }

    func mutated(_ change: (inout [String: JSONValue]) -> Void) throws -> String {
        guard case .object(var root) = try json(Self.valid) else { throw CocoaError(.coderInvalidValue) }
        change(&root)
        return String(decoding: try JSONEncoder().encode(JSONValue.object(root)), as: UTF8.self)
    }

    @Test func acceptsAValidSubmission() throws {
        let submission = try SubmissionValidator.validate(try json(Self.valid)).get()
        #expect(submission.channel == .online)
        #expect(submission.agencyCode.rawValue == "000.00.00.H30")
        #expect(submission.applicant.name == "Nguyễn Văn An")
        #expect(submission.attachments.first?.documentId == "0193a2b4-0000-7000-8000-000000000001")
    }

    @Test func namesEveryMissingFieldAtOnce() throws {
        let found = try errors("{}")
        #expect(Set(found.map(\.field)) == ["procedureCode", "agencyCode", "channel", "applicant", "form"])
        #expect(found.allSatisfy { $0.message == "is required" })
    }

    @Test func rejectsAnUnknownChannel() throws {
        let found = try errors(try mutated { $0["channel"] = .string("fax") })
        #expect(found == [FieldError(field: "channel", message: "must be one of online, direct, postal")])
    }

    @Test func rejectsWrongTypes() throws {
        let found = try errors(try mutated { $0["channel"] = .number(2); $0["form"] = .array([]) })
        #expect(found.contains(FieldError(field: "channel", message: "must be a string, not number")))
        #expect(found.contains(FieldError(field: "form", message: "must be an object, not array")))
    }

    @Test func rejectsUnknownFieldsAtEveryLevel() throws {
        let found = try errors(try mutated {
            $0["chanel"] = .string("online")
            guard case .object(var applicant)? = $0["applicant"] else { return }
            applicant["nickname"] = .string("An")
            $0["applicant"] = .object(applicant)
        })
        #expect(Set(found.map(\.field)) == ["chanel", "applicant.nickname"])
    }

    @Test func checksTheIdNumberAgainstTheApplicantKind() throws {
        let found = try errors(try mutated {
            guard case .object(var applicant)? = $0["applicant"] else { return }
            applicant["kind"] = .string("organisation")
            $0["applicant"] = .object(applicant)
        })
        #expect(found == [FieldError(field: "applicant.idNumber", message: "must be a tax code (10 digits, or 10-3 digits)")])
    }

    @Test func checksNestedFormats() throws {
        let found = try errors(try mutated {
            $0["agencyCode"] = .string("H30")
            $0["procedureCode"] = .string("948")
            $0["applicant"] = .object(["kind": .string("citizen"), "name": .string("  "), "idNumber": .string("123"),
                                       "phone": .string("12345"), "email": .string("nope")])
            $0["attachments"] = .array([.object(["componentCode": .string("TP1"), "documentId": .string("x")]), .number(1)])
        })
        #expect(Set(found.map(\.field)) == ["agencyCode", "procedureCode", "applicant.name", "applicant.idNumber",
                                            "applicant.phone", "applicant.email", "attachments[0].documentId", "attachments[1]"])
    }

    @Test func rejectsANonObjectBody() throws {
        #expect(try errors("[]") == [FieldError(field: "", message: "the body must be a JSON object, not array")])
        #expect(try errors("null").count == 1)
    }
}
