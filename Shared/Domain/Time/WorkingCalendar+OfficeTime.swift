/// Arithmetic on office time: only the seconds inside office intervals of working days count.
extension WorkingCalendar {
    /// True when the moment is inside an office interval of a working day (opening included,
    /// closing excluded).
    public func isWithinOfficeHours(_ moment: Moment) -> Bool {
        let second = moment.vietnamSecondOfDay
        return officeIntervals(on: moment.vietnamDate).contains { $0.startSecond <= second && second < $0.endSecond }
    }

    /// True when a deadline may end at the moment without dropping office time: after the opening
    /// and at or before the closing of an office interval of a working day.
    public func canBeDueMoment(_ moment: Moment) -> Bool {
        let second = moment.vietnamSecondOfDay
        return officeIntervals(on: moment.vietnamDate).contains { $0.startSecond < second && second <= $0.endSecond }
    }

    /// The moment itself when it is within office hours, otherwise the next opening.
    public func nextOfficeTime(atOrAfter moment: Moment) -> Moment {
        addingOfficeSeconds(0, to: moment)
    }

    /// The office seconds between two moments (zero when `end` is not after `start`).
    public func officeSeconds(from start: Moment, to end: Moment) -> Int64 {
        guard start < end else { return 0 }
        var total: Int64 = 0
        let firstDate = start.vietnamDate
        for offset in 0...firstDate.days(until: end.vietnamDate) {
            let date = firstDate.adding(days: offset)
            let dayStart = Moment.startOfVietnamDay(date)
            for interval in officeIntervals(on: date) {
                let from = max(start, dayStart.adding(seconds: Int64(interval.startSecond)))
                let to = min(end, dayStart.adding(seconds: Int64(interval.endSecond)))
                if from < to { total += to.secondsSinceEpoch - from.secondsSinceEpoch }
            }
        }
        return total
    }

    /// The moment at which `seconds` of office time have run from `start`. Counting begins at
    /// `start` when it is within office hours, otherwise at the next opening; a budget that runs
    /// out exactly at a closing time ends at that closing time, not at the next opening.
    public func addingOfficeSeconds(_ seconds: Int64, to start: Moment) -> Moment {
        var remaining = max(0, seconds)
        var date = start.vietnamDate
        var clock = start.vietnamSecondOfDay
        while true {
            for interval in officeIntervals(on: date) where clock < interval.endSecond {
                let from = max(clock, interval.startSecond)
                let available = Int64(interval.endSecond - from)
                if remaining <= available { return Moment(vietnam: date, secondOfDay: from + Int(remaining)) }
                remaining -= available
            }
            date = date.adding(days: 1)
            clock = 0
        }
    }
}
