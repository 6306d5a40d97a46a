/// A procedure code (mã TTHC): the national form `d.dddddd` (e.g. `1.000948`), optionally followed
/// by a local agency identifier (`1.011442.000.00.00.H38`).
public enum ProcedureCode {
    /// True when `text` is a national or local procedure code.
    public static func isWellFormed(_ text: String) -> Bool {
        let parts = text.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2,
              (1...2).contains(parts[0].utf8.count), parts[0].utf8.allSatisfy(isDigit),
              parts[1].utf8.count == 6, parts[1].utf8.allSatisfy(isDigit) else { return false }
        return parts.count == 2 || AgencyIdentifier.isWellFormed(String(parts[2]))
    }
}
