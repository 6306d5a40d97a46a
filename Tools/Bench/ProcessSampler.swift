import Foundation
import HostStats

/// Samples CPU time and memory of the processes under test every half second: the eight
/// services (their pid files), PostgreSQL (the postmaster and every child, so connections
/// opened and closed during the run are counted too), RabbitMQ's BEAM and the bench itself.
/// CPU is the sum of per-process deltas since each was first seen (a process born during the
/// run counts from zero); marks take the cumulative CPU at scenario boundaries.
final class ProcessSampler: Sendable {
    /// Where a group's processes come from.
    enum Source: Sendable {
        /// One process whose pid is in a file (a service, RabbitMQ).
        case pidFile(String)
        /// A postmaster (pid on the first line of `postmaster.pid`) and its children.
        case postgres(String)
        /// The bench itself.
        case current
        /// The bench's child processes (pgbench, psql).
        case children
        /// The whole machine (`/proc/stat`, `/proc/meminfo`): what the processes above leave over
        /// is other work sharing the cores.
        case machine
    }

    struct Group: Sendable {
        var name: String
        var source: Source
    }

    /// What a group came to, for the per-process table.
    struct Figures: Codable, Sendable {
        var name: String
        var processes: Int
        /// Memory at the first sample, before the load (MiB). PostgreSQL: Σ RssAnon + max RssShmem.
        var idleMiB: Double?
        /// The highest memory: VmHWM for one process; PostgreSQL: the highest Σ RssAnon + max RssShmem sampled (MiB).
        var peakMiB: Double?
        /// CPU seconds per mark interval, e.g. `run`, `submissions`.
        var cpuSeconds: [String: Double]
        /// The peak memory as it stood at each mark (MiB), e.g. `submissions-end`.
        var peakMiBAtMarks: [String: Double] = [:]
    }

    private struct GroupState: Sendable {
        var base: [Int32: Double] = [:]
        var last: [Int32: Double] = [:]
        var idle: Int64?
        var peak: Int64 = 0
        var cpu: Double { last.reduce(0) { $0 + $1.value - (base[$1.key] ?? 0) } }
    }

    private struct State: Sendable {
        var groups: [String: GroupState] = [:]
        var marks: [String: [String: Double]] = [:]
        /// Each group's peak memory so far at each mark, to tell in which phase it grew.
        var peaksAtMarks: [String: [String: Int64]] = [:]
        var samples = 0
    }

    private let groups: [Group]
    private let state = Locked(State())

    init(groups: [Group]) { self.groups = groups }

    private func pids(_ source: Source) -> [Int32] {
        switch source {
        case .pidFile(let path): return ProcessStats.pid(fromFile: path).map { [$0] } ?? []
        case .postgres(let path):
            guard let postmaster = ProcessStats.pid(fromFile: path) else { return [] }
            return [postmaster] + ProcessStats.children(of: postmaster)
        case .current: return [getpid()]
        case .children: return ProcessStats.children(of: getpid())
        case .machine: return [0]
        }
    }

    private func read(_ source: Source, pid: Int32) -> ProcessStats? {
        if case .machine = source { return ProcessStats.machine() }
        return ProcessStats.of(pid: pid)
    }

    /// Reads every group's processes once.
    func sample() {
        var readings: [String: [(pid: Int32, stat: ProcessStats)]] = [:]
        for group in groups {
            readings[group.name] = pids(group.source).compactMap { pid in read(group.source, pid: pid).map { (pid, $0) } }
        }
        state.withLock { state in
            let first = state.samples == 0
            state.samples += 1
            for group in groups {
                var current = state.groups[group.name] ?? GroupState()
                let stats = readings[group.name] ?? []
                for (pid, stat) in stats {
                    if current.base[pid] == nil { current.base[pid] = first ? stat.cpuSeconds : 0 }
                    current.last[pid] = stat.cpuSeconds
                }
                let memory: Int64
                if case .postgres = group.source {
                    memory = stats.reduce(0) { $0 + $1.stat.anonymousBytes } + (stats.map(\.stat.sharedBytes).max() ?? 0)
                } else {
                    memory = stats.map(\.stat.peakResidentBytes).max() ?? 0
                }
                if current.idle == nil, !stats.isEmpty {
                    current.idle = group.source.isPostgres ? memory : stats.map(\.stat.residentBytes).max()
                }
                current.peak = max(current.peak, memory)
                state.groups[group.name] = current
            }
        }
    }

    /// Samples now and remembers every group's cumulative CPU under `name`.
    func mark(_ name: String) {
        sample()
        state.withLock { state in
            state.marks[name] = state.groups.mapValues(\.cpu)
            state.peaksAtMarks[name] = state.groups.mapValues(\.peak)
        }
    }

    /// Samples every `interval` until cancelled.
    func run(every interval: Duration = .milliseconds(500)) async {
        while !Task.isCancelled {
            sample()
            try? await Task.sleep(for: interval)
        }
    }

    /// Per group: memory and CPU between each pair of marks in `intervals` (name: (from, to)); then,
    /// when the whole machine is a group, a row of the CPU no other group accounts for.
    func figures(intervals: [(name: String, from: String, to: String)]) -> [Figures] {
        let rows = groupFigures(intervals: intervals)
        guard let machine = zip(groups, rows).first(where: { if case .machine = $0.0.source { return true } else { return false } })?.1 else {
            return rows
        }
        let accounted = zip(groups, rows).filter { if case .machine = $0.0.source { return false } else { return true } }.map(\.1)
        var other: [String: Double] = [:]
        for (name, total) in machine.cpuSeconds {
            other[name] = max(0, total - accounted.reduce(0) { $0 + ($1.cpuSeconds[name] ?? 0) })
        }
        return rows + [Figures(name: "other work", processes: 0, idleMiB: nil, peakMiB: nil, cpuSeconds: other)]
    }

    private func groupFigures(intervals: [(name: String, from: String, to: String)]) -> [Figures] {
        let snapshot = state.value
        let mebibyte = 1024.0 * 1024.0
        return groups.map { group in
            let current = snapshot.groups[group.name] ?? GroupState()
            var cpu: [String: Double] = [:]
            for interval in intervals {
                if let from = snapshot.marks[interval.from]?[group.name], let to = snapshot.marks[interval.to]?[group.name] {
                    cpu[interval.name] = to - from
                }
            }
            return Figures(name: group.name, processes: current.last.count,
                           idleMiB: current.idle.map { Double($0) / mebibyte },
                           peakMiB: current.peak > 0 ? Double(current.peak) / mebibyte : nil, cpuSeconds: cpu,
                           peakMiBAtMarks: snapshot.peaksAtMarks.compactMapValues { $0[group.name].map { Double($0) / mebibyte } })
        }
    }
}

extension ProcessSampler.Source {
    var isPostgres: Bool {
        if case .postgres = self { return true }
        return false
    }
}
