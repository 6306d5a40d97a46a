import Domain

/// Builders of dossier events and facts for the reporting tests.
enum Dossier {
    static let agency = "000.00.01.H30"
    static let procedure = "1.001193"

    static func submitted(_ sequence: Int64, _ moment: Moment, channel: SubmissionChannel = .online) -> DossierHappening {
        DossierHappening(kind: .submitted, sequence: sequence, at: moment, agencyCode: agency, procedureCode: procedure, channel: channel)
    }

    static func transition(_ sequence: Int64, _ event: String, _ state: DossierState, _ moment: Moment, due: Moment? = nil,
                           channel: SubmissionChannel = .online, actor: DossierHappening.Actor? = nil,
                           assignee: String? = nil) -> DossierHappening {
        DossierHappening(kind: .transition(event: event, status: state.nationalStatus.rawValue, state: state.rawValue),
                         sequence: sequence, at: moment, agencyCode: agency, procedureCode: procedure, channel: channel,
                         dueAt: due, actor: actor, assignee: assignee)
    }

    /// Facts of a dossier given its reception, due moment and outcome, as the fold would leave them.
    static func facts(_ code: String, channel: SubmissionChannel = .online, received: Moment?, due: Moment?,
                      resolved: Moment? = nil, ended: (Moment, NationalStatus)? = nil, suspendedSince: Moment? = nil,
                      agency: String = agency, procedure: String = procedure) -> DossierFacts {
        var facts = DossierFacts(code: code, agencyCode: agency, procedureCode: procedure, channel: channel)
        facts.submittedAt = received
        facts.receivedAt = received
        facts.dueAt = due
        facts.resolvedAt = resolved
        facts.suspendedSince = suspendedSince
        if let (moment, status) = ended {
            facts.endedAt = moment
            facts.endStatus = status.rawValue
        }
        return facts
    }
}

/// The figures computed the way the reporting service does: day counters kept per day and per
/// month, summed over the period's split, plus the live overdue count when the period ends today
/// or later. Must equal `StatisticalFigures.reference`.
func figuresFromCounters(_ dossiers: [DossierFacts], period: ReportPeriod, now: Moment) -> StatisticalFigures {
    var daily: [LocalDate: MeasureCounts] = [:]
    var monthly: [LocalDate: MeasureCounts] = [:]
    for dossier in dossiers {
        for contribution in dossier.contributions {
            daily[contribution.day, default: .init()][contribution.measure] += 1
            monthly[contribution.day.firstOfMonth, default: .init()][contribution.measure] += 1
        }
    }
    let split = period.split
    func sum(_ table: [LocalDate: MeasureCounts], _ ranges: [DateRange]) -> MeasureCounts {
        table.filter { entry in ranges.contains { $0.contains(entry.key) } }.values.reduce(.init(), +)
    }
    let before = sum(monthly, [split.monthsBefore]) + sum(daily, [split.daysBefore])
    let within = sum(monthly, [split.monthsWithin]) + sum(daily, split.daysWithin)
    let endsTodayOrLater = period.last >= now.vietnamDate
    let live = dossiers.filter { $0.receivedAt != nil && $0.finishedAt == nil && ($0.overdueFrom.map { $0 <= now } ?? false) }.count
    return StatisticalFigures(before: before, within: within, periodEndsTodayOrLater: endsTodayOrLater, liveOverdue: live)
}

func period(_ first: LocalDate, _ last: LocalDate) -> ReportPeriod {
    ReportPeriod(first: first, last: last)!
}
