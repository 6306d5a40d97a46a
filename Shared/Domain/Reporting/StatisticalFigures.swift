/// A reporting period: whole Vietnam days from `first` to `last`, both included.
public struct ReportPeriod: Sendable, Hashable, Codable {
    public var first: LocalDate
    public var last: LocalDate

    /// Nil when `last` is before `first`.
    public init?(first: LocalDate, last: LocalDate) {
        guard first <= last else { return nil }
        self.first = first
        self.last = last
    }

    public var start: Moment { .startOfVietnamDay(first) }
    public var end: Moment { .endOfVietnamDay(last) }

    /// The period cut into what the pre-aggregates hold: whole months (the monthly table) and
    /// loose days (the daily table), before the period and within it. Ranges are half-open.
    public var split: PeriodSplit { PeriodSplit(self) }
}

/// A half-open range of dates `[lower, upper)`; `lower` nil means from the beginning.
public struct DateRange: Sendable, Hashable, Codable {
    public var lower: LocalDate?
    public var upper: LocalDate

    public init(_ lower: LocalDate?, _ upper: LocalDate) {
        self.lower = lower
        self.upper = upper
    }

    public var isEmpty: Bool { lower.map { $0 >= upper } ?? false }

    public func contains(_ date: LocalDate) -> Bool { (lower.map { $0 <= date } ?? true) && date < upper }
}

/// Where the counts of a period come from: month rows (keyed by the month's first day) and day rows.
public struct PeriodSplit: Sendable, Hashable, Codable {
    /// Months wholly before the period.
    public var monthsBefore: DateRange
    /// Days before the period in its first month.
    public var daysBefore: DateRange
    /// Months wholly inside the period.
    public var monthsWithin: DateRange
    /// Days inside the period not covered by whole months (at most two ranges, never empty ones).
    public var daysWithin: [DateRange]

    init(_ period: ReportPeriod) {
        let firstMonth = period.first.firstOfMonth
        monthsBefore = DateRange(nil, firstMonth)
        daysBefore = DateRange(firstMonth, period.first)
        let wholeFrom = period.first.day == 1 ? period.first : period.first.firstOfNextMonth
        let afterLast = period.last.adding(days: 1)
        let wholeTo = afterLast.day == 1 ? afterLast : period.last.firstOfMonth
        if wholeFrom < wholeTo {
            monthsWithin = DateRange(wholeFrom, wholeTo)
            daysWithin = [DateRange(period.first, wholeFrom), DateRange(wholeTo, afterLast)].filter { !$0.isEmpty }
        } else {
            monthsWithin = DateRange(wholeFrom, wholeFrom)
            daysWithin = [DateRange(period.first, afterLast)]
        }
    }
}

extension LocalDate {
    /// The first day of this date's month.
    public var firstOfMonth: LocalDate { LocalDate(year: year, month: month, day: 1)! }

    /// The first day of the next month.
    public var firstOfNextMonth: LocalDate {
        month == 12 ? LocalDate(year: year + 1, month: 1, day: 1)! : LocalDate(year: year, month: month + 1, day: 1)!
    }

    /// The Monday of this date's ISO week.
    public var mondayOfWeek: LocalDate { adding(days: 1 - weekday.rawValue) }
}

/// One row of the statistical report (DOMAIN.md, "Statistical report"; Biểu II.06a).
public struct StatisticalFigures: Sendable, Hashable, Codable {
    public struct Received: Sendable, Hashable, Codable {
        public var total: Int
        public var online: Int
        /// At the counter or by post.
        public var directOrPostal: Int
        public var carriedOver: Int
    }

    public struct Resolved: Sendable, Hashable, Codable {
        public var total: Int
        public var early: Int
        public var onTime: Int
        public var overdue: Int
    }

    public struct InProgress: Sendable, Hashable, Codable {
        public var total: Int
        public var withinDeadline: Int
        public var overdue: Int
    }

    public var received: Received
    public var resolved: Resolved
    public var inProgress: InProgress
    /// Counted apart, not classified: ended in the period with status 3, 7 or 8.
    public var refused: Int
    public var withdrawn: Int
    public var stopped: Int

    /// (early + on time) × 100 / resolved, to two decimals; 100 when nothing was resolved.
    public var onTimeRate: Double {
        guard resolved.total > 0 else { return 100 }
        return (Double((resolved.early + resolved.onTime) * 10_000) / Double(resolved.total)).rounded() / 100
    }

    public static let zero = StatisticalFigures(
        received: .init(total: 0, online: 0, directOrPostal: 0, carriedOver: 0), resolved: .init(total: 0, early: 0, onTime: 0, overdue: 0),
        inProgress: .init(total: 0, withinDeadline: 0, overdue: 0), refused: 0, withdrawn: 0, stopped: 0)

    /// The figures from the day counters: `before` summed over every day before the period,
    /// `within` over the period's days. `liveOverdue` is the number of dossiers in progress now
    /// whose overdue moment is at or before now; it is used when the period ends today or later
    /// (the cut-off is then now, not a day's end), and ignored otherwise.
    public init(before: MeasureCounts, within: MeasureCounts, periodEndsTodayOrLater: Bool, liveOverdue: Int) {
        let upToEnd = before + within
        let carried = before[.receivedOnline] + before[.receivedOther] - before[.finishedReceived]
        received = .init(total: carried + within[.receivedOnline] + within[.receivedOther], online: within[.receivedOnline],
                         directOrPostal: within[.receivedOther], carriedOver: carried)
        resolved = .init(total: within[.resolvedEarly] + within[.resolvedOnTime] + within[.resolvedOverdue],
                         early: within[.resolvedEarly], onTime: within[.resolvedOnTime], overdue: within[.resolvedOverdue])
        let open = upToEnd[.receivedOnline] + upToEnd[.receivedOther] - upToEnd[.finishedReceived]
        let overdue = periodEndsTodayOrLater ? liveOverdue : upToEnd[.becameOverdue] - upToEnd[.finishedOverdue]
        inProgress = .init(total: open, withinDeadline: open - overdue, overdue: overdue)
        refused = within[.refused]
        withdrawn = within[.withdrawn]
        stopped = within[.stopped]
    }

    init(received: Received, resolved: Resolved, inProgress: InProgress, refused: Int, withdrawn: Int, stopped: Int) {
        self.received = received
        self.resolved = resolved
        self.inProgress = inProgress
        self.refused = refused
        self.withdrawn = withdrawn
        self.stopped = stopped
    }

    /// The figures counted dossier by dossier straight from the rules (the reference the
    /// pre-aggregated figures must equal): a dossier in progress is overdue when its due moment is
    /// at or before the earlier of `now` and the period's end, while a clock that stood still
    /// before its due moment never made it overdue.
    public static func reference(_ dossiers: [DossierFacts], period: ReportPeriod, now: Moment) -> StatisticalFigures {
        var figures = StatisticalFigures.zero
        let cutOff = min(now, period.end)
        for dossier in dossiers {
            if let ended = dossier.endedAt, let status = dossier.endStatus, period.start <= ended, ended <= period.end {
                switch NationalStatus(rawValue: status) {
                case .refused?: figures.refused += 1
                case .withdrawn?: figures.withdrawn += 1
                case .stopped?: figures.stopped += 1
                default: break
                }
            }
            guard let received = dossier.receivedAt, received <= period.end else { continue }
            let finished = dossier.finishedAt
            if let finished, finished < period.start { continue }
            if received < period.start {
                figures.received.carriedOver += 1
            } else if dossier.channel == .online {
                figures.received.online += 1
            } else {
                figures.received.directOrPostal += 1
            }
            figures.received.total += 1
            if let resolved = dossier.resolvedAt, resolved <= period.end {
                figures.resolved.total += 1
                switch dossier.dueAt.map({ ResolvedTimeliness(finishedAt: resolved, due: $0) }) ?? .onTime {
                case .early: figures.resolved.early += 1
                case .onTime: figures.resolved.onTime += 1
                case .overdue: figures.resolved.overdue += 1
                }
            } else if finished == nil || finished! > period.end {
                figures.inProgress.total += 1
                let stoodStillAt = dossier.suspendedSince.map { min($0, cutOff) } ?? cutOff
                if let due = dossier.dueAt, due <= stoodStillAt {
                    figures.inProgress.overdue += 1
                } else {
                    figures.inProgress.withinDeadline += 1
                }
            }
        }
        return figures
    }
}
