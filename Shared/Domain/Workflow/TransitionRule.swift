/// One line of the transition table: in `state`, `action` may be taken by `roles` and leads to
/// one of `targets` (several when the data or the workflow value decides, e.g. the last step).
public struct TransitionRule: Sendable, Hashable, CustomStringConvertible {
    public let state: DossierState
    public let action: DossierAction.Kind
    /// In `Role.allCases` order.
    public let roles: [Role]
    /// The usual target first.
    public let targets: [DossierState]

    init(_ state: DossierState, _ action: DossierAction.Kind, by roles: Set<Role>, to targets: [DossierState]) {
        self.state = state
        self.action = action
        self.roles = Role.allCases.filter(roles.contains)
        self.targets = targets
    }

    /// True when `role` may take the action.
    public func allows(_ role: Role) -> Bool { roles.contains(role) }

    /// `in-handling --complete-step [specialist, department-head]--> in-handling | awaiting-approval`.
    public var description: String {
        let roleNames = roles.map(\.rawValue).joined(separator: ", ")
        let targetNames = targets.map(\.rawValue).joined(separator: " | ")
        return "\(state.rawValue) --\(action.rawValue) [\(roleNames)]--> \(targetNames)"
    }
}
