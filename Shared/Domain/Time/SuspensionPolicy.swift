/// How a suspended deadline (a supplement request during handling) continues once the applicant
/// has supplemented. Chosen per procedure; `restart` is the default (DOMAIN.md, "Time").
public enum SuspensionPolicy: String, Sendable, Hashable, Codable, CaseIterable {
    /// The full time budget runs again from the resumption, counted like a new reception.
    case restart
    /// The office time that remained at the suspension runs on from the resumption.
    case resume

    /// The policy used when a procedure names none.
    public static let `default` = SuspensionPolicy.restart
}
