import Domain
import Testing

@Suite struct AgencyIdentifierTests {
    @Test(arguments: ["000.00.00.H30", "123.45.67.A01", "000.00.00.Z99"])
    func acceptsWellFormed(_ text: String) {
        #expect(AgencyIdentifier(text)?.rawValue == text)
    }

    @Test(arguments: ["", "000.00.00", "00.00.00.H30", "000.00.00.h30", "000.00.00.H3", "000.00.00.H300",
                      "000.0a.00.H30", "000.00.00.30H", "000.00.00.H30.", "000-00-00-H30", "０00.00.00.H30"])
    func rejectsMalformed(_ text: String) {
        #expect(AgencyIdentifier(text) == nil)
    }
}

@Suite struct DossierCodeTests {
    let agency = AgencyIdentifier("000.00.00.H30")!
    let date = LocalDate(year: 2025, month: 11, day: 25)!

    @Test func formatsWithFourDigitsAndPads() {
        #expect(DossierCode(agency: agency, date: date, sequence: 1)?.description == "000.00.00.H30-251125-0001")
        #expect(DossierCode(agency: agency, date: date, sequence: 9999)?.description == "000.00.00.H30-251125-9999")
    }

    @Test func widensToFiveDigitsPast9999() {
        #expect(DossierCode(agency: agency, date: date, sequence: 10_000)?.description == "000.00.00.H30-251125-10000")
        #expect(DossierCode(agency: agency, date: date, sequence: 99_999)?.description == "000.00.00.H30-251125-99999")
        #expect(DossierCode(agency: agency, date: date, sequence: 100_000) == nil)
        #expect(DossierCode(agency: agency, date: date, sequence: 0) == nil)
    }

    @Test(arguments: [1, 42, 9999, 10_000, 99_999])
    func parsesWhatItFormats(_ sequence: Int) throws {
        let code = try #require(DossierCode(agency: agency, date: date, sequence: sequence))
        #expect(DossierCode(code.description) == code)
    }

    @Test(arguments: ["000.00.00.H30-251125-001", "000.00.00.H30-251125-00001", "000.00.00.H30-251325-0001",
                      "000.00.00.H30-250229-0001", "000.00.00.H30-251125-0000", "000.00.00.H30-251125", "x-251125-0001",
                      "000.00.00.H30-251125-00a1", "000.00.00.H30-251125-0001-1"])
    func rejectsMalformed(_ text: String) {
        #expect(DossierCode(text) == nil)
    }

    @Test func ordersByAgencyDateAndSequence() {
        let a = DossierCode("000.00.00.H30-251125-0002")!
        let b = DossierCode("000.00.00.H30-251125-0010")!
        let c = DossierCode("000.00.00.H30-251126-0001")!
        #expect(a < b && b < c)
    }
}

@Suite struct ProcedureCodeTests {
    @Test(arguments: ["1.000948", "2.002154", "1.011442.000.00.00.H38"])
    func acceptsNationalAndLocal(_ text: String) { #expect(ProcedureCode.isWellFormed(text)) }

    @Test(arguments: ["", "1", "1.00094", "1.0009481", "a.000948", "1.000948.", "1.000948.000.00.00", "123.000948"])
    func rejectsMalformed(_ text: String) { #expect(!ProcedureCode.isWellFormed(text)) }
}
