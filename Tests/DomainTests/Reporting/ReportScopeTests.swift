import Domain
import Testing

@Suite struct ReportScopeTests {
    @Test func aLevelOneUnitCoversEveryAgencyOfItsProvinceAndNoOther() {
        var scope = ReportScope()
        scope.addLevelOne(agency: "000.00.00.H30")
        #expect(scope.contains("000.00.00.H30"))
        #expect(scope.contains("000.00.01.H30"))
        #expect(scope.contains("000.23.45.H30"), "a commune not listed in the tree is still the province's")
        #expect(!scope.contains("000.00.00.H62"))
        #expect(!scope.contains("000.00.00.H3"))
        #expect(!scope.contains("*"))
    }

    @Test func anInnerUnitCoversOnlyItsListedAgencies() {
        var scope = ReportScope()
        scope.add(agencies: ["000.00.01.H30"])
        #expect(scope.contains("000.00.01.H30"))
        #expect(!scope.contains("000.00.00.H30"))
        #expect(!scope.contains("000.00.02.H30"))
        #expect(!scope.isEmpty)
        #expect(ReportScope().isEmpty)
    }

    @Test func onlyTheReadingRolesCountTheirUnits() {
        let units = ReportScope.readingUnits([
            ("administrator", "H30"), ("specialist", "H30-STP-HCTP"), ("supervisor", "H30"),
            ("agency-leader", "H30-STP"), ("citizen", "PUBLIC"), ("partner", "PUBLIC"), ("department-head", "H62-STP"),
        ])
        #expect(units == ["H30", "H30-STP", "H62-STP"])
        #expect(ReportScope.readingUnits([("one-stop-officer", "H30-PVHCC"), ("system", "SYSTEM")]).isEmpty)
    }

    @Test func theLevelOneCodeIsTheLastGroupOfAWellFormedIdentifier() {
        #expect(ReportScope.levelOneCode(of: "000.00.00.H30") == "H30")
        #expect(ReportScope.levelOneCode(of: "000.00.00.G03") == "G03")
        #expect(ReportScope.levelOneCode(of: "H30") == nil)
        #expect(ReportScope.levelOneCode(of: "*") == nil)
    }
}
