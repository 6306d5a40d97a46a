import Domain
import Testing

@Suite struct PagingTests {
    @Test func absentOrEmptyValuesAreTheFirstPageOfTheDefaultSize() throws {
        let paging = try Paging.parse(page: nil, pageSize: " ", pageSizes: 1...100, defaultPageSize: 20)
        #expect(paging.page == 1 && paging.pageSize == 20 && paging.offset == 0)
    }

    @Test func theOffsetOfTheDeepestPageIsExact() throws {
        let paging = try Paging.validated(page: Paging.maximumPage, pageSize: 200, pageSizes: 1...200)
        #expect(paging.offset == (Paging.maximumPage - 1) * 200)
    }

    @Test(arguments: ["0", "-1", "10001", "9223372036854775807", "99999999999999999999", "abc", "1.5"])
    func pagesOutOfBoundsOrNotWholeAreRefusedByName(_ page: String) {
        #expect(throws: ValidationFailure([FieldError(field: "page", message: "must be a whole number from 1 to 10000")])) {
            try Paging.parse(page: page, pageSize: "10", pageSizes: 1...100, defaultPageSize: 20)
        }
    }

    @Test func bothBadValuesAreNamedAtOnce() {
        #expect(throws: ValidationFailure([FieldError(field: "page", message: "must be a whole number from 1 to 10000"),
                                           FieldError(field: "pageSize", message: "must be a whole number from 1 to 100")])) {
            try Paging.validated(page: Int.max, pageSize: 101, pageSizes: 1...100)
        }
    }

    @Test func aListCannotOfferMoreThanTheGlobalMaximumPageSize() {
        #expect(throws: ValidationFailure.self) {
            try Paging.validated(page: 1, pageSize: Paging.maximumPageSize + 1, pageSizes: 1...Int.max)
        }
    }
}
