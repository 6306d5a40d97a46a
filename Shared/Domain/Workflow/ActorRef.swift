/// Who took a step: the user, the name shown on forms and the role and unit acted in.
public struct ActorRef: Codable, Sendable, Hashable {
    /// The user id; `system` for timers and integrations, `applicant` for anonymous applicants.
    public var id: String
    public var name: String
    public var role: String
    public var unit: String?

    public init(id: String, name: String, role: String, unit: String?) {
        self.id = id
        self.name = name
        self.role = role
        self.unit = unit
    }
}
