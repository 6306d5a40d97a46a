import Contracts
import Domain
import Foundation
import Testing

@Suite struct StatisticalFiguresTests {
    /// April 2026, judged on 10 May 2026. Hand-computed: see each dossier's comment.
    static let april = period(day(2026, 4, 1), day(2026, 4, 30))
    static let mayTenth = at(2026, 5, 10, 9, 0)
    static let aprilDossiers: [DossierFacts] = [
        // A: received in March at the counter, resolved 10 April before its due date → carried over, early.
        Dossier.facts("A", channel: .direct, received: at(2026, 3, 25, 9, 0), due: at(2026, 4, 12, 17, 0), resolved: at(2026, 4, 10, 10, 0)),
        // B: online, resolved on its due date → on time.
        Dossier.facts("B", received: at(2026, 4, 2, 9, 0), due: at(2026, 4, 15, 17, 0), resolved: at(2026, 4, 15, 16, 59)),
        // C: due 10 April, extended to 20 April, resolved 17 April → early (the extension moved the due date).
        Dossier.facts("C", channel: .direct, received: at(2026, 4, 3, 9, 0), due: at(2026, 4, 20, 17, 0), resolved: at(2026, 4, 17, 9, 0)),
        // D: by post, due 14 April, resolved 16 April → overdue.
        Dossier.facts("D", channel: .postal, received: at(2026, 4, 6, 9, 0), due: at(2026, 4, 14, 17, 0), resolved: at(2026, 4, 16, 9, 0)),
        // E: online, due 28 April, still in progress → overdue at the period's end.
        Dossier.facts("E", received: at(2026, 4, 20, 9, 0), due: at(2026, 4, 28, 17, 0)),
        // F: due 6 May, in progress → within deadline.
        Dossier.facts("F", channel: .direct, received: at(2026, 4, 27, 9, 0), due: at(2026, 5, 6, 17, 0)),
        // G: online, suspended (supplement) on 9 April before its due date of 15 April, still suspended → within deadline.
        Dossier.facts("G", received: at(2026, 4, 8, 9, 0), due: at(2026, 4, 15, 17, 0), suspendedSince: at(2026, 4, 9, 10, 0)),
        // H: received and resolved in March → not in April's report.
        Dossier.facts("H", received: at(2026, 3, 2, 9, 0), due: at(2026, 3, 20, 17, 0), resolved: at(2026, 3, 20, 9, 0)),
        // I: refused at reception → counted apart only.
        Dossier.facts("I", received: nil, due: nil, ended: (at(2026, 4, 9, 10, 0), .refused)),
        // J: received at the counter, withdrawn 13 April → received, and withdrawn apart.
        Dossier.facts("J", channel: .direct, received: at(2026, 4, 10, 9, 0), due: at(2026, 4, 24, 17, 0), ended: (at(2026, 4, 13, 9, 0), .withdrawn)),
        // K: online, resolved 4 May after the period → in progress within deadline in April.
        Dossier.facts("K", received: at(2026, 4, 29, 9, 0), due: at(2026, 5, 5, 17, 0), resolved: at(2026, 5, 4, 9, 0)),
        // L: stopped on 2 May, after the period → in progress in April; its due date 30 April had passed → overdue.
        Dossier.facts("L", channel: .direct, received: at(2026, 4, 21, 9, 0), due: at(2026, 4, 30, 17, 0), ended: (at(2026, 5, 2, 9, 0), .stopped)),
    ]

    @Test func everyColumnOfAprilIsAsComputedByHand() {
        for figures in [StatisticalFigures.reference(Self.aprilDossiers, period: Self.april, now: Self.mayTenth),
                        figuresFromCounters(Self.aprilDossiers, period: Self.april, now: Self.mayTenth)] {
            // received: carried A; online B E G K; counter/post C D F J L.
            #expect(figures.received.carriedOver == 1)
            #expect(figures.received.online == 4)
            #expect(figures.received.directOrPostal == 5)
            #expect(figures.received.total == 10)
            // resolved: A early, B on time, C early, D overdue.
            #expect(figures.resolved.total == 4)
            #expect(figures.resolved.early == 2)
            #expect(figures.resolved.onTime == 1)
            #expect(figures.resolved.overdue == 1)
            // in progress at 30 April: E overdue, L overdue (due 30 April 17:00 ≤ end of 30 April), F, G, K within.
            #expect(figures.inProgress.total == 5)
            #expect(figures.inProgress.withinDeadline == 3)
            #expect(figures.inProgress.overdue == 2)
            #expect(figures.refused == 1)
            #expect(figures.withdrawn == 1)
            #expect(figures.stopped == 0)
            #expect(figures.onTimeRate == 75)
            // Every received dossier is resolved, in progress, or withdrawn/stopped in the period.
            #expect(figures.received.total == figures.resolved.total + figures.inProgress.total + 1)
        }
    }

    @Test func mayCarriesOverWhatAprilLeftInProgress() {
        let may = period(day(2026, 5, 1), day(2026, 5, 31))
        let now = at(2026, 6, 2, 9, 0)
        for figures in [StatisticalFigures.reference(Self.aprilDossiers, period: may, now: now),
                        figuresFromCounters(Self.aprilDossiers, period: may, now: now)] {
            // E F G K L were in progress at the end of April.
            #expect(figures.received.carriedOver == 5)
            #expect(figures.received.online + figures.received.directOrPostal == 0)
            // K resolved 4 May, due 5 May → early.
            #expect(figures.resolved.total == 1)
            #expect(figures.resolved.early == 1)
            // L stopped 2 May; E, F, G still open on 2 June: E and F overdue, G suspended before its due date.
            #expect(figures.stopped == 1)
            #expect(figures.inProgress.total == 3)
            #expect(figures.inProgress.overdue == 2)
            #expect(figures.inProgress.withinDeadline == 1)
            #expect(figures.onTimeRate == 100)
        }
    }

    @Test func aPeriodEndingTodayJudgesInProgressDossiersAtNow() {
        let dossiers = [Dossier.facts("X", received: at(2026, 5, 4, 9, 0), due: at(2026, 5, 11, 17, 0))]
        let week = period(day(2026, 5, 11), day(2026, 5, 17))
        for now in [at(2026, 5, 11, 16, 59, 59), at(2026, 5, 11, 17, 0)] {
            let reference = StatisticalFigures.reference(dossiers, period: week, now: now)
            #expect(reference == figuresFromCounters(dossiers, period: week, now: now))
            #expect(reference.inProgress.overdue == (now >= at(2026, 5, 11, 17, 0) ? 1 : 0))
            #expect(reference.received.carriedOver == 1)
        }
    }

    @Test func holidaysMoveTheDueDateSoResolvingAfterThemIsOnTime() throws {
        // Received Tuesday 28 April 2026 with 3 working days: 30 April and 1 May are days off and
        // 2–3 May a weekend, so the due date is Monday 4 May.
        let received = at(2026, 4, 28, 9, 0)
        let due = aprilMay2026.dueMoment(for: try TimeBudget.make(3, .workingDays).get(), receivedAt: received)
        #expect(due.vietnamDate == day(2026, 5, 4))
        let outcomes = [(at(2026, 4, 29, 15, 0), "early"), (at(2026, 5, 4, 16, 0), "onTime"), (at(2026, 5, 5, 8, 0), "overdue")]
        let dossiers = outcomes.enumerated().map { index, outcome in
            Dossier.facts("H\(index)", received: received, due: due, resolved: outcome.0)
        }
        let figures = figuresFromCounters(dossiers, period: period(day(2026, 4, 1), day(2026, 5, 31)), now: at(2026, 6, 1, 9, 0))
        #expect(figures.resolved.early == 1)
        #expect(figures.resolved.onTime == 1)
        #expect(figures.resolved.overdue == 1)
        #expect(figures.onTimeRate == 66.67)
    }

    @Test func nothingResolvedMeansAHundredPercentOnTime() {
        #expect(StatisticalFigures.zero.onTimeRate == 100)
    }

    @Test func periodsSplitIntoWholeMonthsAndLooseDays() {
        let year = period(day(2026, 1, 1), day(2026, 12, 31)).split
        #expect(year.monthsWithin == DateRange(day(2026, 1, 1), day(2027, 1, 1)))
        #expect(year.daysWithin.isEmpty)
        #expect(year.daysBefore.isEmpty)
        #expect(year.monthsBefore == DateRange(nil, day(2026, 1, 1)))
        let inside = period(day(2026, 4, 15), day(2026, 4, 20)).split
        #expect(inside.monthsWithin.isEmpty)
        #expect(inside.daysWithin == [DateRange(day(2026, 4, 15), day(2026, 4, 21))])
        #expect(inside.daysBefore == DateRange(day(2026, 4, 1), day(2026, 4, 15)))
        let across = period(day(2026, 3, 15), day(2026, 6, 10)).split
        #expect(across.monthsWithin == DateRange(day(2026, 4, 1), day(2026, 6, 1)))
        #expect(across.daysWithin == [DateRange(day(2026, 3, 15), day(2026, 4, 1)), DateRange(day(2026, 6, 1), day(2026, 6, 11))])
        let wholeFebruary = period(day(2028, 2, 1), day(2028, 2, 29)).split
        #expect(wholeFebruary.monthsWithin == DateRange(day(2028, 2, 1), day(2028, 3, 1)))
        #expect(wholeFebruary.daysWithin.isEmpty)
        let decemberToJanuary = period(day(2026, 12, 20), day(2027, 1, 5)).split
        #expect(decemberToJanuary.monthsWithin.isEmpty)
        #expect(decemberToJanuary.daysWithin == [DateRange(day(2026, 12, 20), day(2027, 1, 6))])
    }

    /// Random dossiers and periods: the counters (as the service sums them) always equal the
    /// dossier-by-dossier reference.
    @Test func countersEqualTheReferenceForRandomDossiers() {
        var rng = SplitMix64(seed: 6)
        let start = at(2026, 1, 1, 0, 0).secondsSinceEpoch
        func moment(after base: Int64, within days: Int64) -> Moment {
            Moment(secondsSinceEpoch: base + Int64.random(in: 0...(days * 86_400), using: &rng))
        }
        var dossiers: [DossierFacts] = []
        for index in 0..<400 {
            let channel = SubmissionChannel.allCases.randomElement(using: &rng)!
            let roll = Int.random(in: 0..<10, using: &rng)
            if roll == 0 {
                dossiers.append(Dossier.facts("R\(index)", channel: channel, received: nil, due: nil,
                                              ended: (moment(after: start, within: 200), [.refused, .withdrawn].randomElement(using: &rng)!)))
                continue
            }
            let received = moment(after: start, within: 200)
            let due = moment(after: received.secondsSinceEpoch, within: 25)
            let outcome = received.adding(seconds: Int64.random(in: 3600...(40 * 86_400), using: &rng))
            var resolved: Moment?
            var ended: (Moment, NationalStatus)?
            var suspended: Moment?
            switch roll {
            case 1: ended = (outcome, .withdrawn)
            case 2: ended = (outcome, .stopped)
            case 3: suspended = moment(after: received.secondsSinceEpoch, within: 20)
            case 4: break
            default: resolved = outcome
            }
            dossiers.append(Dossier.facts("D\(index)", channel: channel, received: received, due: due, resolved: resolved,
                                          ended: ended, suspendedSince: suspended))
        }
        for _ in 0..<300 {
            let first = day(2026, 1, 1).adding(days: Int.random(in: 0...240, using: &rng))
            let last = first.adding(days: Int.random(in: 0...120, using: &rng))
            let now = Moment.startOfVietnamDay(day(2026, 1, 1).adding(days: Int.random(in: 0...400, using: &rng)))
                .adding(seconds: Int64.random(in: 0..<86_400, using: &rng))
            // Only dossiers that exist by `now` (nothing happens in the future).
            let known = dossiers.filter { dossier in
                [dossier.receivedAt, dossier.resolvedAt, dossier.endedAt, dossier.suspendedSince].compactMap { $0 }.allSatisfy { $0 <= now }
            }
            let p = period(first, last)
            #expect(figuresFromCounters(known, period: p, now: now) == StatisticalFigures.reference(known, period: p, now: now),
                    "period \(first)…\(last), now \(now)")
        }
    }

    @Test func csvHasABomVietnameseHeaderEveryRowAndTheTotal() throws {
        let figures = StatisticalFigures.reference(Self.aprilDossiers, period: Self.april, now: Self.mayTenth)
        let report = StatisticsReport(from: "2026-04-01", to: "2026-04-30", groupBy: .agency, asOf: Self.april.end.date,
                                      items: [StatisticsRow(group: Dossier.agency, figures: figures)],
                                      total: StatisticsRow(group: nil, figures: figures))
        let bytes = report.csv
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = try #require(String(data: bytes.dropFirst(3), encoding: .utf8))
        let lines = text.split(separator: "\r\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("Mã đơn vị/thủ tục,Tổng số hồ sơ tiếp nhận,Tiếp nhận trực tuyến trong kỳ"))
        #expect(lines[1] == "000.00.01.H30,10,4,5,1,4,2,1,1,5,3,2,1,1,0,75.00")
        #expect(lines[2] == "Tổng cộng,10,4,5,1,4,2,1,1,5,3,2,1,1,0,75.00")
    }
}
