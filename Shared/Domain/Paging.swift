/// The bounds every paged list shares (`page` from 1, `pageSize` per list), so that an offset can
/// never overflow and a deep page cannot make the database scan millions of rows.
///
/// The gateway reads query parameters with `parse`, answering 400 beyond the bounds; each service
/// checks the values it receives again with `validated` before it computes an offset, because the
/// service owns the data and must not trust its callers.
public struct Paging: Sendable, Hashable {
    /// The deepest page any list serves: 10,000 pages of up to `maximumPageSize` rows.
    public static let maximumPage = 10_000
    /// No list serves more rows at once.
    public static let maximumPageSize = 500

    public let page: Int
    public let pageSize: Int

    /// The rows to skip; at most `maximumPage * maximumPageSize`, so it never overflows.
    public var offset: Int { (page - 1) * pageSize }

    /// The paging when both values are in bounds; a `ValidationFailure` naming each bad one otherwise.
    public static func validated(page: Int, pageSize: Int, pageSizes: ClosedRange<Int>) throws -> Paging {
        var errors: [FieldError] = []
        if !(1...maximumPage).contains(page) { errors.append(pageError) }
        let sizes = pageSizes.clamped(to: 1...maximumPageSize)
        if !sizes.contains(pageSize) { errors.append(sizeError(sizes)) }
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        return Paging(page: page, pageSize: pageSize)
    }

    /// Reads `page` and `pageSize` query values (absent or empty: page 1 and `defaultPageSize`).
    public static func parse(page: String?, pageSize: String?, pageSizes: ClosedRange<Int>,
                             defaultPageSize: Int) throws -> Paging {
        let sizes = pageSizes.clamped(to: 1...maximumPageSize)
        var errors: [FieldError] = []
        let pageNumber = number(page, default: 1)
        if pageNumber.map({ !(1...maximumPage).contains($0) }) ?? true { errors.append(pageError) }
        let size = number(pageSize, default: defaultPageSize)
        if size.map({ !sizes.contains($0) }) ?? true { errors.append(sizeError(sizes)) }
        guard errors.isEmpty, let pageNumber, let size else { throw ValidationFailure(errors) }
        return Paging(page: pageNumber, pageSize: size)
    }

    private init(page: Int, pageSize: Int) {
        self.page = page
        self.pageSize = pageSize
    }

    private static func number(_ text: String?, default fallback: Int) -> Int? {
        guard let text = text?.trimmingWhitespace, !text.isEmpty else { return fallback }
        return Int(text)
    }

    private static let pageError = FieldError(field: "page", message: "must be a whole number from 1 to \(maximumPage)")

    private static func sizeError(_ sizes: ClosedRange<Int>) -> FieldError {
        FieldError(field: "pageSize", message: "must be a whole number from \(sizes.lowerBound) to \(sizes.upperBound)")
    }
}
