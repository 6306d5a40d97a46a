/// Why the processing clock stands still.
public enum SuspensionCause: String, CaseIterable, Sendable, Codable, Hashable {
    /// A supplement requested during handling: resumes under the procedure's `SuspensionPolicy`.
    case supplement
    /// A financial obligation: the applicant's time to pay does not count, so it always resumes
    /// where it stopped.
    case payment
}

/// Where the processing clock stands in a state.
public enum ClockPhase: Sendable, Hashable {
    /// Before reception: no due date yet.
    case notStarted
    /// Counting towards the due date.
    case running
    /// Standing still while the applicant acts.
    case suspended(SuspensionCause)
    /// Handling is over (result approved, refused, stopped or withdrawn).
    case finished
}

/// What a transition does to the processing clock; the deadline arithmetic belongs to the time
/// rules (`DeadlineClock`).
public enum ClockEffect: Sendable, Codable, Hashable {
    case start
    case suspend(SuspensionCause)
    case resume(SuspensionCause)
    case stop

    /// The effect of moving from `before` (nil when the dossier opens) to `after`; nil when the
    /// clock is unaffected.
    public static func between(_ before: DossierState?, _ after: DossierState) -> ClockEffect? {
        switch (before?.clockPhase ?? .notStarted, after.clockPhase) {
        case (.notStarted, .running): .start
        case (.running, .suspended(let cause)): .suspend(cause)
        case (.suspended(let cause), .running): .resume(cause)
        case (.running, .finished), (.suspended, .finished): .stop
        default: nil
        }
    }
}

extension DossierState {
    /// Where the processing clock stands in this state.
    public var clockPhase: ClockPhase {
        switch self {
        case .awaitingReception, .supplementRequestedAtReception: .notStarted
        case .received, .transferred, .inHandling, .awaitingConsultation, .awaitingApproval: .running
        case .supplementRequestedDuringHandling: .suspended(.supplement)
        case .awaitingPayment: .suspended(.payment)
        case .refused, .stopped, .approved, .resultIssued, .returned, .withdrawn: .finished
        }
    }
}
