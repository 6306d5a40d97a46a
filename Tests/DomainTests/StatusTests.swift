import Domain
import Testing

@Suite struct NationalStatusTests {
    @Test func codesRunFromOneToTen() {
        #expect(NationalStatus.allCases.map(\.rawValue) == Array(1...10))
    }

    @Test func namesFollowTheNationalTable() {
        #expect(NationalStatus.submitted.vietnameseName == "Mới đăng ký")
        #expect(NationalStatus.received.vietnameseName == "Được tiếp nhận")
        #expect(NationalStatus.returned.vietnameseName == "Đã trả kết quả")
        #expect(Set(NationalStatus.allCases.map(\.vietnameseName)).count == 10)
    }

    @Test func finalStatusesAreRefusedWithdrawnStoppedReturned() {
        #expect(NationalStatus.allCases.filter(\.isFinal) == [.refused, .withdrawn, .stopped, .returned])
    }

    @Test func channelsCarryTheNationalNumbers() {
        #expect(SubmissionChannel.direct.nationalCode == 1)
        #expect(SubmissionChannel.online.nationalCode == 2)
        #expect(SubmissionChannel.postal.nationalCode == 3)
    }
}

@Suite struct ApplicantRulesTests {
    @Test func personalIdentificationNumberHasTwelveDigits() {
        #expect(ApplicantRules.isPersonalIdentificationNumber("001203004567"))
        #expect(!ApplicantRules.isPersonalIdentificationNumber("00120300456"))
        #expect(!ApplicantRules.isPersonalIdentificationNumber("00120300456a"))
    }

    @Test func taxCodes() {
        #expect(ApplicantRules.isTaxCode("0101234567"))
        #expect(ApplicantRules.isTaxCode("0101234567-001"))
        #expect(!ApplicantRules.isTaxCode("0101234567-01"))
        #expect(!ApplicantRules.isTaxCode("010123456"))
    }

    @Test func phones() {
        #expect(ApplicantRules.isPhoneNumber("0912345678"))
        #expect(ApplicantRules.isPhoneNumber("+84912345678"))
        #expect(ApplicantRules.isPhoneNumber("0912 345 678"))
        #expect(ApplicantRules.isPhoneNumber("0243 826 1234"))
        #expect(ApplicantRules.isPhoneNumber("+84 24 3826 1234"))
        #expect(!ApplicantRules.isPhoneNumber("09123456789"))
        #expect(!ApplicantRules.isPhoneNumber("912345678"))
        #expect(!ApplicantRules.isPhoneNumber("+8491234567"))
        #expect(!ApplicantRules.isPhoneNumber("+84+912345678"))
    }

    @Test func emails() {
        #expect(ApplicantRules.isEmail("an.nguyen@example.vn"))
        #expect(!ApplicantRules.isEmail("an.nguyen@example"))
        #expect(!ApplicantRules.isEmail("@example.vn"))
        #expect(!ApplicantRules.isEmail("a b@example.vn"))
        #expect(!ApplicantRules.isEmail("a@b@example.vn"))
    }

    @Test func maskingKeepsTheLastThree() {
        #expect(ApplicantRules.mask("001203004567") == "*********567")
        #expect(ApplicantRules.mask("12") == "**")
    }
}
