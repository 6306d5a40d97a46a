import Foundation

/// Figures written for reports in the page's language: Vietnamese groups thousands with `.` and
/// writes decimals with `,` (`1.234`, `12,5`); English the other way round (`1,234`, `12.5`).
public enum FigureText {
    /// A whole number with its thousands grouped.
    public static func whole(_ number: Int, _ language: Language) -> String {
        let digits = String(number.magnitude)
        let separator: Character = language == .vi ? "." : ","
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(separator) }
            grouped.append(digit)
        }
        return (number < 0 ? "-" : "") + grouped
    }

    /// A number with `digits` decimals (trailing zeros kept), thousands grouped.
    public static func decimal(_ number: Double, digits: Int, _ language: Language) -> String {
        guard number.isFinite else { return "–" }
        let scale = pow(10, Double(digits))
        let scaled = (abs(number) * scale).rounded()
        let integer = Int(scaled / scale)
        let fraction = Int(scaled.truncatingRemainder(dividingBy: scale))
        var text = whole(integer, language)
        if digits > 0 {
            let padded = String(repeating: "0", count: max(0, digits - String(fraction).count)) + String(fraction)
            text += (language == .vi ? "," : ".") + padded
        }
        return (number < 0 && scaled > 0 ? "-" : "") + text
    }

    /// A percentage with up to two decimals: `98,5 %` (vi), `98.5%` (en); whole values without decimals.
    public static func percent(_ number: Double, _ language: Language) -> String {
        let rounded = (number * 100).rounded() / 100
        let digits = rounded == rounded.rounded() ? 0 : ((rounded * 10) == (rounded * 10).rounded() ? 1 : 2)
        return decimal(rounded, digits: digits, language) + (language == .vi ? " %" : "%")
    }
}
