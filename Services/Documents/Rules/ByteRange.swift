import Contracts
import Domain

/// A single `Range: bytes=…` request (RFC 9110 §14) against a file of `size` bytes. Several
/// ranges, or a header that is not `bytes=`, are ignored (the whole file is sent); a range that
/// starts past the end is unsatisfiable (416).
enum ByteRange {
    /// `(start, end)`, `end` inclusive, and whether it is partial.
    static func resolve(_ header: String?, size: Int) throws -> (start: Int, end: Int, partial: Bool) {
        let whole = (0, max(size - 1, 0), false)
        guard let header, header.lowercased().hasPrefix("bytes="), size > 0 else { return whole }
        let spec = header.dropFirst("bytes=".count).trimmingCharacters(in: .whitespaces)
        guard !spec.contains(","), let dash = spec.firstIndex(of: "-") else { return whole }
        let first = spec[..<dash].trimmingCharacters(in: .whitespaces)
        let last = spec[spec.index(after: dash)...].trimmingCharacters(in: .whitespaces)
        if first.isEmpty {
            guard let suffix = Int(last), suffix > 0 else { throw unsatisfiable(size) }
            return (max(size - suffix, 0), size - 1, true)
        }
        guard let start = Int(first), start >= 0 else { return whole }
        guard start < size else { throw unsatisfiable(size) }
        if last.isEmpty { return (start, size - 1, true) }
        guard let end = Int(last), end >= start else { return whole }
        return (start, min(end, size - 1), true)
    }

    static func unsatisfiable(_ size: Int) -> Problem {
        Problem(status: 416, title: "Range not satisfiable", detail: "The file has \(size) bytes.",
                errors: [FieldError(field: "Range", message: "must start before byte \(size)")])
    }
}
