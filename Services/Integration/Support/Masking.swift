/// Personal data as it may appear in logs: enough to tell two apart, not enough to contact anyone.
enum Masking {
    /// `nguyen.van.an@example.vn` → `n***@example.vn`.
    static func email(_ address: String) -> String {
        guard let at = address.firstIndex(of: "@"), at > address.startIndex else { return "***" }
        return String(address[address.startIndex]) + "***" + String(address[at...])
    }

    /// `0912345678` → `091****678`.
    static func phone(_ number: String) -> String {
        let digits = Array(number)
        guard digits.count > 6 else { return "***" }
        return String(digits.prefix(3)) + String(repeating: "*", count: digits.count - 6) + String(digits.suffix(3))
    }
}
