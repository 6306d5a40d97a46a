/// Why an operation on a running deadline was refused.
public enum DeadlineClockError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The operation is dated before the clock's latest event.
    case outOfOrder(at: Moment, latestEventAt: Moment)
    /// The clock is already suspended.
    case alreadySuspended(since: Moment)
    /// Only a suspended clock can resume.
    case notSuspended
    /// A suspended deadline has no due moment to extend.
    case extensionWhileSuspended
    /// The deadline was extended before; form 04 is allowed once per dossier.
    case alreadyExtended(at: Moment)
    /// The extension must be requested at least one working day before the due date, i.e. on
    /// `latestDay` at the latest.
    case extensionRequestedTooLate(latestDay: LocalDate)
    /// The new due moment is not after the current one.
    case extensionNotLater(currentDue: Moment)
    /// The new due moment is not within office hours of a working day.
    case extensionOutsideOfficeHours(Moment)
    /// The new due date is not a working day.
    case notAWorkingDay(LocalDate)

    public var description: String {
        switch self {
        case .outOfOrder(let at, let latest): "\(at) is before the deadline's latest event at \(latest)"
        case .alreadySuspended(let since): "the deadline is already suspended since \(since)"
        case .notSuspended: "the deadline is not suspended"
        case .extensionWhileSuspended: "a suspended deadline cannot be extended"
        case .alreadyExtended(let at): "the deadline was already extended at \(at); an extension is allowed once"
        case .extensionRequestedTooLate(let day): "an extension must be requested by \(day), one working day before the due date"
        case .extensionNotLater(let due): "the new due moment must be after the current one, \(due)"
        case .extensionOutsideOfficeHours(let moment): "the new due moment \(moment) is not within office hours of a working day"
        case .notAWorkingDay(let date): "\(date) is not a working day"
        }
    }
}
