import Contracts
import Foundation
import OnegateWeb

/// Who acts on a dossier from the pages, and where its pages are: the applicant signed in, who
/// owns it (`/me/dossiers/{code}`, the caller decides), or the lookup token's holder
/// (`/track/{code}?token=`, the token carried in the links and in a hidden field of each form).
/// Processing and documents decide what either may do; the pages only pass the caller or the token.
struct DossierHolder {
    let code: String
    /// The lookup token; nil for the signed-in owner.
    let token: String?

    /// The folder of the dossier's pages.
    var base: String {
        token == nil ? "/me/dossiers/\(PageChrome.encode(code))" : "/track/\(PageChrome.encode(code))"
    }

    /// The status page.
    var statusPath: String { path("") }

    /// `base/action`, with the token in the query for its holder; `notice` shown after a redirect.
    func path(_ action: String, notice: String? = nil) -> String {
        var query: [(String, String)] = []
        if let token { query.append(("token", token)) }
        if let notice { query.append(("notice", notice)) }
        return PageChrome.link(path: action.isEmpty ? base : base + "/" + action, query: query)
    }

    /// The caller to pass to the services: a token holder acts by the token alone, whoever is signed in.
    func caller(_ signedIn: Caller) -> Caller { token == nil ? signedIn : .anonymous }

    /// The messages a redirect back to the status page may ask for (`?notice=`), from a fixed list.
    static func notice(_ name: String?, catalog t: MessageCatalog) -> String? {
        switch name {
        case "withdrawn": t["notice_withdrawn"]
        case "supplemented": t["notice_supplemented"]
        case "paid": t["notice_paid"]
        case "rated": t["notice_rated"]
        default: nil
        }
    }
}
