/// Why an action was refused. A refused action changes nothing.
public enum WorkflowError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The action cannot happen in the dossier's current state (HTTP 409).
    case notAllowedInState(DossierState, DossierAction.Kind, reason: String)
    /// The caller's role may not take this action in this state (HTTP 403).
    case roleNotAllowed(Role, DossierAction.Kind, DossierState, allowed: [Role])
    /// The action's data is invalid (HTTP 400), every problem at once.
    case invalidData(DossierAction.Kind, [FieldError])

    /// The error's category, for callers and tests that do not need the details.
    public enum Kind: Sendable, Hashable {
        case notAllowedInState, roleNotAllowed, invalidData
    }

    public var kind: Kind {
        switch self {
        case .notAllowedInState: .notAllowedInState
        case .roleNotAllowed: .roleNotAllowed
        case .invalidData: .invalidData
        }
    }

    /// The HTTP status the gateway answers with.
    public var httpStatus: Int {
        switch self {
        case .notAllowedInState: 409
        case .roleNotAllowed: 403
        case .invalidData: 400
        }
    }

    /// A sentence for the problem's `detail`, naming the action and the state.
    public var description: String {
        switch self {
        case .notAllowedInState(let state, let action, let reason):
            return "Cannot \(action.rawValue) a dossier in state \(state.summary): \(reason)."
        case .roleNotAllowed(let role, let action, let state, let allowed):
            let names = allowed.map(\.rawValue).joined(separator: ", ")
            return "The role \(role.rawValue) may not \(action.rawValue) a dossier in state \(state.summary); allowed: \(names)."
        case .invalidData(let action, let errors):
            let problems = errors.map { "\($0.field) \($0.message)" }.joined(separator: "; ")
            return "Invalid data for \(action.rawValue): \(problems)."
        }
    }
}
