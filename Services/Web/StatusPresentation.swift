import Domain

/// How a national status (Annex I) is shown to the applicant: its tone (a colour aid only, the
/// words are always there) and the catalog key of what the applicant must do now.
public enum StatusPresentation {
    public enum Tone: String, Sendable {
        case waiting, working, action, done, ended
    }

    public static func tone(_ status: NationalStatus) -> Tone {
        switch status {
        case .submitted, .received: .waiting
        case .inProgress: .working
        case .supplementRequested, .financialObligation: .action
        case .resolved, .returned: .done
        case .refused, .withdrawn, .stopped: .ended
        }
    }

    /// `guidance_<number>` in the catalogs.
    public static func guidanceKey(_ status: NationalStatus) -> String { "guidance_\(status.rawValue)" }
}
