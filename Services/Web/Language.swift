import Foundation

/// The languages of the pages: Vietnamese first, English complete.
public enum Language: String, CaseIterable, Sendable {
    case vi
    case en

    /// The language a request asks for: an explicit `?lang=` switch, then the `og_lang` cookie
    /// the switch left, then the first supported tag of `Accept-Language` (by its q-values), else Vietnamese.
    public static func negotiate(query: String?, cookie: String?, acceptLanguage: String?) -> Language {
        if let query, let chosen = Language(rawValue: query.lowercased()) { return chosen }
        if let cookie, let chosen = Language(rawValue: cookie.lowercased()) { return chosen }
        return fromAcceptLanguage(acceptLanguage) ?? .vi
    }

    /// The best supported language of an `Accept-Language` header (RFC 9110 §12.5.4), if any.
    static func fromAcceptLanguage(_ header: String?) -> Language? {
        guard let header else { return nil }
        var best: (language: Language, quality: Double)?
        for item in header.split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first?.lowercased(),
                  let language = Language(rawValue: String(tag.prefix(while: { $0 != "-" }))) else { continue }
            let quality = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            if quality > 0, quality > (best?.quality ?? 0) { best = (language, quality) }
        }
        return best?.language
    }
}
