/// The day counters reporting pre-aggregates per agency, procedure and day (and per month): each
/// dossier adds one to a few of them on the Vietnam dates its facts name. Every column of the
/// statistical report is a sum or a difference of these over a range of days.
public enum ReportMeasure: String, CaseIterable, Sendable, Hashable, Codable {
    /// Received online, on the reception date.
    case receivedOnline = "received_online"
    /// Received at the counter or by post, on the reception date.
    case receivedOther = "received_other"
    /// A received dossier left handling (resolved, withdrawn, stopped), on that date.
    case finishedReceived = "finished_received"
    case resolvedEarly = "resolved_early"
    case resolvedOnTime = "resolved_on_time"
    case resolvedOverdue = "resolved_overdue"
    case refused
    case withdrawn
    case stopped
    /// A received dossier became overdue while in progress, on the date of its due moment.
    case becameOverdue = "became_overdue"
    /// A dossier that had become overdue left handling, on that date.
    case finishedOverdue = "finished_overdue"

    /// The column of the pre-aggregated tables.
    public var column: String { rawValue }
}

/// A count per measure.
public struct MeasureCounts: Sendable, Hashable, Codable {
    public var values: [ReportMeasure: Int]

    public init(_ values: [ReportMeasure: Int] = [:]) { self.values = values }

    public subscript(_ measure: ReportMeasure) -> Int {
        get { values[measure] ?? 0 }
        set { values[measure] = newValue }
    }

    public static func + (lhs: MeasureCounts, rhs: MeasureCounts) -> MeasureCounts {
        var sum = lhs
        for (measure, value) in rhs.values { sum[measure] += value }
        return sum
    }
}

/// One unit added to `measure` on `day`.
public struct ReportContribution: Sendable, Hashable, Codable {
    public var day: LocalDate
    public var measure: ReportMeasure

    public init(day: LocalDate, measure: ReportMeasure) {
        self.day = day
        self.measure = measure
    }
}

extension DossierFacts {
    /// What this dossier adds to the day counters.
    public var contributions: [ReportContribution] {
        var result: [ReportContribution] = []
        if let received = receivedAt {
            result.append(.init(day: received.vietnamDate, measure: channel == .online ? .receivedOnline : .receivedOther))
        }
        if let finished = finishedAt {
            result.append(.init(day: finished.vietnamDate, measure: .finishedReceived))
        }
        if let resolved = resolvedAt, receivedAt != nil {
            let timeliness = dueAt.map { ResolvedTimeliness(finishedAt: resolved, due: $0) } ?? .onTime
            let measure: ReportMeasure = switch timeliness {
            case .early: .resolvedEarly
            case .onTime: .resolvedOnTime
            case .overdue: .resolvedOverdue
            }
            result.append(.init(day: resolved.vietnamDate, measure: measure))
        }
        if let ended = endedAt, let status = endStatus.flatMap(NationalStatus.init(rawValue:)) {
            switch status {
            case .refused: result.append(.init(day: ended.vietnamDate, measure: .refused))
            case .withdrawn: result.append(.init(day: ended.vietnamDate, measure: .withdrawn))
            case .stopped: result.append(.init(day: ended.vietnamDate, measure: .stopped))
            default: break
            }
        }
        if let overdue = overdueFrom {
            result.append(.init(day: overdue.vietnamDate, measure: .becameOverdue))
            if let finished = finishedAt {
                result.append(.init(day: finished.vietnamDate, measure: .finishedOverdue))
            }
        }
        return result
    }

    /// The change to the day counters when `old` becomes `new`: +1/−1 per day and measure, zeros left out.
    public static func delta(from old: DossierFacts?, to new: DossierFacts) -> [LocalDate: MeasureCounts] {
        var result: [LocalDate: MeasureCounts] = [:]
        for contribution in old?.contributions ?? [] { result[contribution.day, default: .init()][contribution.measure] -= 1 }
        for contribution in new.contributions { result[contribution.day, default: .init()][contribution.measure] += 1 }
        return result.compactMapValues { counts in
            let kept = counts.values.filter { $0.value != 0 }
            return kept.isEmpty ? nil : MeasureCounts(kept)
        }
    }
}
