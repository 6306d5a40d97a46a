/// Where a page may send the visitor back to (`next=` after signing in): a path of this site
/// only — `/…`, not `//host…` (another site to a browser), no backslash (which browsers read as a
/// slash), no control characters — else the home page. Stops open redirects.
public enum LocalPath {
    public static func safe(_ candidate: String?) -> String {
        guard let candidate, candidate.hasPrefix("/"), !candidate.hasPrefix("//"), !candidate.contains("\\"),
              !candidate.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return "/" }
        return candidate
    }
}
