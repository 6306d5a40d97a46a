import OnegateWeb

/// The administrators' sub-navigation (issue 16), shared by every `/workspace/admin…` page: the
/// index and each section, the current one marked (`aria-current`). Render it with the partial
/// `workspace-admin-nav` and the page value `adminNav: AdminNavigation.links(.x, t: t)`.
/// Showing a link decides nothing: each page's service decides what may be done.
enum AdminNavigation {
    /// An admin section (`index` is `/workspace/admin` itself).
    enum Section: CaseIterable { case index, procedures, holidays, catalogs, users, units, webhooks, deadLetters }

    /// The path of a section.
    static func path(_ section: Section) -> String {
        switch section {
        case .index: "/workspace/admin"
        case .procedures: "/workspace/admin/procedures"
        case .holidays: "/workspace/admin/holidays"
        case .catalogs: "/workspace/admin/catalogs"
        case .users: "/workspace/admin/users"
        case .units: "/workspace/admin/units"
        case .webhooks: "/workspace/admin/webhooks"
        case .deadLetters: "/workspace/admin/dead-letters"
        }
    }

    /// The catalog key stem of a section (`adm_nav_<stem>`, `adm_card_<stem>`).
    static func key(_ section: Section) -> String {
        switch section {
        case .index: "index"
        case .procedures: "procedures"
        case .holidays: "holidays"
        case .catalogs: "catalogs"
        case .users: "users"
        case .units: "units"
        case .webhooks: "webhooks"
        case .deadLetters: "dead_letters"
        }
    }

    /// The sections whose pages exist, the only ones linked. Procedures and shared catalogs are still
    /// to be built as pages (their JSON API exists: docs/web.md, "Administration").
    static let available: [Section] = [.index, .holidays, .users, .units, .webhooks, .deadLetters]

    /// The links for the partial, `current` marked.
    static func links(_ current: Section, t: MessageCatalog) -> [[String: Any]] {
        available.map { section in
            var link: [String: Any] = ["href": path(section), "text": t["adm_nav_" + key(section)]]
            if section == current { link["current"] = true }
            return link
        }
    }
}
