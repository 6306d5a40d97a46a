import Domain
import Foundation
import Testing

/// Hand-computed on the `aprilMay2026` test calendar. Three working days received Monday 20 April
/// 09:00 are due Wednesday 22 April 17:00.
@Suite struct DeadlineClockTests {
    let calendar = aprilMay2026
    let threeDays = try! TimeBudget.make(3, .workingDays).get()

    var clock: DeadlineClock {
        DeadlineClock.start(budget: threeDays, receivedAt: at(2026, 4, 20, 9, 0), calendar: calendar)
    }

    @Test func startsWithTheDueMomentOfTheBudget() {
        #expect(clock.currentDue == at(2026, 4, 22, 17, 0))
        #expect(clock.receivedAt == at(2026, 4, 20, 9, 0))
        #expect(clock.history == [.received(at: at(2026, 4, 20, 9, 0), due: at(2026, 4, 22, 17, 0))])
    }

    @Test func resumeContinuesWithTheRemainingOfficeTime() throws {
        // Left at 10:00 on the 21st: 1.5 h + 4 h + 8 h = 13.5 h. From Thursday 23rd 14:00: 3 h,
        // Friday 8 h, then 2.5 h of the compensatory Saturday.
        let resumed = try clock.suspended(at: at(2026, 4, 21, 10, 0)).get()
            .resumed(at: at(2026, 4, 23, 14, 0), policy: .resume, calendar: calendar).get()
        #expect(resumed.currentDue == at(2026, 4, 25, 10, 0))
    }

    @Test func restartRunsTheFullBudgetLikeANewReception() throws {
        let suspended = try clock.suspended(at: at(2026, 4, 21, 10, 0)).get()
        let beforeCutOff = try suspended.resumed(at: at(2026, 4, 23, 14, 0), policy: .restart, calendar: calendar).get()
        #expect(beforeCutOff.currentDue == at(2026, 4, 25, 17, 0))  // 23, 24, Saturday 25
        let afterCutOff = try suspended.resumed(at: at(2026, 4, 23, 16, 0), policy: .restart, calendar: calendar).get()
        #expect(afterCutOff.currentDue == at(2026, 4, 27, 17, 0))   // 24, 25, 27
        #expect(SuspensionPolicy.default == .restart)
    }

    @Test func suspendedTimeNeverCountsTowardsOverdue() throws {
        let suspended = try clock.suspended(at: at(2026, 4, 21, 10, 0)).get()
        #expect(suspended.isSuspended && suspended.currentDue == nil)
        #expect(!suspended.isOverdue(at: at(2026, 6, 1, 9, 0)))
        let resumed = try suspended.resumed(at: at(2026, 4, 23, 14, 0), policy: .resume, calendar: calendar).get()
        #expect(!resumed.isOverdue(at: at(2026, 4, 22, 18, 0)))  // the clock stood still then
        #expect(!resumed.isOverdue(at: at(2026, 4, 25, 9, 59, 59)))
        #expect(resumed.isOverdue(at: at(2026, 4, 25, 10, 0)))
        #expect(resumed.due(at: at(2026, 4, 20, 12, 0)) == at(2026, 4, 22, 17, 0))
        #expect(resumed.due(at: at(2026, 4, 24, 12, 0)) == at(2026, 4, 25, 10, 0))
    }

    @Test func overdueFromTheDueMomentOn() {
        #expect(!clock.isOverdue(at: at(2026, 4, 22, 16, 59, 59)))
        #expect(clock.isOverdue(at: at(2026, 4, 22, 17, 0)))
        #expect(!clock.isOverdue(at: at(2026, 4, 1, 9, 0)))
    }

    @Test func aClockSuspendedWhenAlreadyOverdueStaysOverdue() throws {
        let suspended = try clock.suspended(at: at(2026, 4, 23, 9, 0)).get()
        #expect(suspended.isOverdue(at: at(2026, 4, 24, 9, 0)))
        let resumed = try suspended.resumed(at: at(2026, 4, 27, 9, 0), policy: .resume, calendar: calendar).get()
        #expect(resumed.currentDue == at(2026, 4, 22, 17, 0))
    }

    @Test func suspensionsAndResumptionsMustAlternateInOrder() throws {
        let suspended = try clock.suspended(at: at(2026, 4, 21, 10, 0)).get()
        #expect(suspended.suspended(at: at(2026, 4, 21, 11, 0)) == .failure(.alreadySuspended(since: at(2026, 4, 21, 10, 0))))
        #expect(clock.resumed(at: at(2026, 4, 21, 11, 0), policy: .resume, calendar: calendar) == .failure(.notSuspended))
        #expect(suspended.resumed(at: at(2026, 4, 21, 9, 0), policy: .resume, calendar: calendar)
                == .failure(.outOfOrder(at: at(2026, 4, 21, 9, 0), latestEventAt: at(2026, 4, 21, 10, 0))))
    }

    @Test func extensionMovesTheDueDateOnce() throws {
        let extended = try clock.extended(requestedAt: at(2026, 4, 21, 16, 0), toEndOf: day(2026, 4, 24), calendar: calendar).get()
        #expect(extended.currentDue == at(2026, 4, 24, 17, 0))
        #expect(extended.extendedAt == at(2026, 4, 21, 16, 0))
        #expect(extended.history.last == .extended(at: at(2026, 4, 21, 16, 0), from: at(2026, 4, 22, 17, 0), to: at(2026, 4, 24, 17, 0)))
        #expect(extended.extended(requestedAt: at(2026, 4, 21, 17, 0), toEndOf: day(2026, 4, 27), calendar: calendar)
                == .failure(.alreadyExtended(at: at(2026, 4, 21, 16, 0))))
    }

    @Test func extensionMustBeRequestedAWorkingDayBeforeTheDueDate() {
        #expect(clock.extended(requestedAt: at(2026, 4, 22, 8, 0), toEndOf: day(2026, 4, 24), calendar: calendar)
                == .failure(.extensionRequestedTooLate(latestDay: day(2026, 4, 21))))
        // Due Monday 4 May: the working day before it is Wednesday 29 April, so a request during the
        // holidays is too late.
        let oneDay = try! TimeBudget.make(1, .workingDays).get()
        let beforeHolidays = DeadlineClock.start(budget: oneDay, receivedAt: at(2026, 4, 29, 16, 0), calendar: calendar)
        #expect(beforeHolidays.currentDue == at(2026, 5, 4, 17, 0))
        #expect(beforeHolidays.extended(requestedAt: at(2026, 5, 1, 9, 0), toEndOf: day(2026, 5, 6), calendar: calendar)
                == .failure(.extensionRequestedTooLate(latestDay: day(2026, 4, 29))))
        #expect((try? beforeHolidays.extended(requestedAt: at(2026, 4, 29, 16, 30), toEndOf: day(2026, 5, 6), calendar: calendar).get())?
                .currentDue == at(2026, 5, 6, 17, 0))
    }

    @Test func extensionMustLandLaterAndWithinOfficeHours() throws {
        let request = at(2026, 4, 20, 10, 0)
        #expect(clock.extended(requestedAt: request, to: at(2026, 4, 22, 11, 0), calendar: calendar)
                == .failure(.extensionNotLater(currentDue: at(2026, 4, 22, 17, 0))))
        #expect(clock.extended(requestedAt: request, to: at(2026, 4, 24, 12, 0), calendar: calendar)
                == .failure(.extensionOutsideOfficeHours(at(2026, 4, 24, 12, 0))))
        #expect(clock.extended(requestedAt: request, toEndOf: day(2026, 4, 26), calendar: calendar)
                == .failure(.notAWorkingDay(day(2026, 4, 26))))
        #expect(try clock.extended(requestedAt: request, to: at(2026, 4, 24, 11, 30), calendar: calendar).get()
                .currentDue == at(2026, 4, 24, 11, 30))
        let suspended = try clock.suspended(at: request).get()
        #expect(suspended.extended(requestedAt: request, toEndOf: day(2026, 4, 24), calendar: calendar)
                == .failure(.extensionWhileSuspended))
    }

    @Test func resumeAfterAnExtensionKeepsTheExtraTime() throws {
        // Extended to Friday 24th 17:00, then suspended Wednesday 22nd 17:00 with Thursday and Friday
        // (16 h) left; resumed Monday 27th 07:30, those 16 h end Tuesday 28th 17:00.
        let resumed = try clock.extended(requestedAt: at(2026, 4, 21, 9, 0), toEndOf: day(2026, 4, 24), calendar: calendar).get()
            .suspended(at: at(2026, 4, 22, 17, 0)).get()
            .resumed(at: at(2026, 4, 27, 7, 30), policy: .resume, calendar: calendar).get()
        #expect(resumed.currentDue == at(2026, 4, 28, 17, 0))
    }

    @Test func historyRoundTripsAndIsCheckedOnDecoding() throws {
        let full = try clock.suspended(at: at(2026, 4, 21, 10, 0)).get()
            .resumed(at: at(2026, 4, 23, 14, 0), policy: .restart, calendar: calendar).get()
        let data = try JSONEncoder().encode(full)
        #expect(try JSONDecoder().decode(DeadlineClock.self, from: data) == full)
        let budget = #"{"budget":{"amount":3,"unit":"workingDays"},"history":"#
        let reception = #"{"received":{"at":1776826800,"due":1776852000}}"#
        let onlyReception = try JSONDecoder().decode(DeadlineClock.self, from: Data((budget + "[\(reception)]}").utf8))
        #expect(onlyReception.currentDue == Moment(secondsSinceEpoch: 1_776_852_000))
        for history in ["[]", #"[{"suspended":{"at":1776826800}}]"#, "[\(reception),\(reception)]",
                        #"[\#(reception),{"resumed":{"at":1776826900,"policy":"resume","due":1776852000}}]"#] {
            #expect(throws: DecodingError.self) { try JSONDecoder().decode(DeadlineClock.self, from: Data((budget + history + "}").utf8)) }
        }
    }
}
