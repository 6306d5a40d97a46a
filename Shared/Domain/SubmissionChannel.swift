/// How a dossier reached the one-stop desk (DOMAIN.md: channels `1` direct, `2` online, `3` postal).
public enum SubmissionChannel: String, CaseIterable, Sendable, Codable, Hashable {
    case direct
    case online
    case postal

    /// The channel number used by the national catalog and portal.
    public var nationalCode: Int {
        switch self {
        case .direct: 1
        case .online: 2
        case .postal: 3
        }
    }
}
