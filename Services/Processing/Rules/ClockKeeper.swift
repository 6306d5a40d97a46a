import Contracts
import Domain

/// Applies a transition's effect on the deadline clock (and form 04's extension), turning the
/// clock's refusals into problems the caller can act on.
enum ClockKeeper {
    static func apply(_ effect: ClockEffect?, extendTo newDueDate: LocalDate?, to clock: DeadlineClock?,
                      budget: TimeBudget, policy: SuspensionPolicy, at moment: Moment, calendar: WorkingCalendar) throws -> DeadlineClock? {
        var clock = clock
        switch effect {
        case .start?:
            clock = DeadlineClock.start(budget: budget, receivedAt: moment, calendar: calendar)
        case .suspend?:
            clock = try clock.map { try checked($0.suspended(at: moment)) }
        case .resume(let cause)?:
            // The applicant's time to pay never counts, whatever the procedure's policy.
            let effective: SuspensionPolicy = cause == .payment ? .resume : policy
            clock = try clock.map { try checked($0.resumed(at: moment, policy: effective, calendar: calendar)) }
        case .stop?, nil:
            break
        }
        if let newDueDate {
            guard let running = clock else {
                throw Problem.conflict("The dossier has no deadline yet: it was not received.")
            }
            clock = try checked(running.extended(requestedAt: moment, toEndOf: newDueDate, calendar: calendar), field: "newDueDate")
        }
        return clock
    }

    private static func checked(_ result: Result<DeadlineClock, DeadlineClockError>, field: String? = nil) throws -> DeadlineClock {
        switch result {
        case .success(let clock):
            return clock
        case .failure(let error):
            switch error {
            case .extensionNotLater, .extensionOutsideOfficeHours, .notAWorkingDay:
                throw Problem.validation([FieldError(field: field ?? "", message: error.description)])
            case .extensionRequestedTooLate, .alreadyExtended, .extensionWhileSuspended:
                throw Problem(status: 409, title: "Extension refused", detail: "Cannot extend: \(error.description).",
                              type: "urn:onegate:problem:extension-refused")
            case .outOfOrder, .alreadySuspended, .notSuspended:
                throw Problem.conflict("The deadline cannot change this way: \(error.description).")
            }
        }
    }
}
