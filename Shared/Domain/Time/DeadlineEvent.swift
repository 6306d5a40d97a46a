/// One entry of a deadline's history.
public enum DeadlineEvent: Sendable, Hashable, Codable {
    /// The dossier was received; the clock started with this due moment.
    case received(at: Moment, due: Moment)
    /// Handling was suspended (a supplement request); the clock stopped.
    case suspended(at: Moment)
    /// Handling resumed under `policy`, giving this due moment.
    case resumed(at: Moment, policy: SuspensionPolicy, due: Moment)
    /// An extension (form 04) requested at `at` moved the due moment.
    case extended(at: Moment, from: Moment, to: Moment)

    /// When the event happened.
    public var moment: Moment {
        switch self {
        case .received(let at, _), .suspended(let at), .resumed(let at, _, _), .extended(let at, _, _): at
        }
    }

    /// The due moment the event set; nil for a suspension, which sets none.
    public var dueSet: Moment? {
        switch self {
        case .received(_, let due), .resumed(_, _, let due), .extended(_, _, let due): due
        case .suspended: nil
        }
    }
}
