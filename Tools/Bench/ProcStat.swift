import Foundation

/// CPU time and memory of one process from Linux's `/proc/<pid>/stat` and `/proc/<pid>/status`
/// (the logic of `Shared/ServiceKit/ProcessStats.swift`, copied so the bench needs no service library).
struct ProcStat: Sendable {
    var parent: Int32
    /// User plus system CPU time since the process started, in seconds.
    var cpuSeconds: Double
    var residentBytes: Int64
    /// The highest resident set size so far (`VmHWM`).
    var peakResidentBytes: Int64
    /// Resident private memory (`RssAnon`).
    var anonymousBytes: Int64
    /// Resident shared memory (`RssShmem`), e.g. PostgreSQL's shared buffers.
    var sharedBytes: Int64

    static let ticksPerSecond: Double = {
        let ticks = sysconf(Int32(_SC_CLK_TCK))
        return ticks > 0 ? Double(ticks) : 100
    }()

    static func of(pid: Int32) -> ProcStat? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        // The command name (field 2) may hold spaces and parentheses: count fields after its ")".
        // After it: state (3), ppid (4) … utime (14), stime (15).
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let parent = Int32(fields[1]), let user = Double(fields[11]), let system = Double(fields[12]) else {
            return nil
        }
        let memory = memoryFields(status: status)
        return ProcStat(parent: parent, cpuSeconds: (user + system) / ticksPerSecond,
                        residentBytes: memory["VmRSS"] ?? 0, peakResidentBytes: memory["VmHWM"] ?? memory["VmRSS"] ?? 0,
                        anonymousBytes: memory["RssAnon"] ?? 0, sharedBytes: memory["RssShmem"] ?? 0)
    }

    /// The whole machine as one "process": busy CPU time of all cores (`/proc/stat`: user, nice,
    /// system, irq, softirq, steal) and memory in use (MemTotal − MemAvailable).
    static func machine() -> ProcStat? {
        guard let stat = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
              let line = stat.split(separator: "\n").first, line.hasPrefix("cpu ") else { return nil }
        let ticks = line.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard ticks.count >= 8 else { return nil }
        let busy = ticks[0] + ticks[1] + ticks[2] + ticks[5] + ticks[6] + ticks[7]
        let memory = memoryFields(status: (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8)) ?? "")
        let used = (memory["MemTotal"] ?? 0) - (memory["MemAvailable"] ?? 0)
        return ProcStat(parent: 0, cpuSeconds: busy / ticksPerSecond, residentBytes: used, peakResidentBytes: used,
                        anonymousBytes: used, sharedBytes: 0)
    }

    /// The 1-minute load average.
    static func loadAverage() -> Double? {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").first.flatMap { Double($0) }
    }

    /// `Name:   123 kB` lines of `/proc/<pid>/status`, in bytes.
    static func memoryFields(status: String) -> [String: Int64] {
        var fields: [String: Int64] = [:]
        for line in status.split(separator: "\n") where line.hasSuffix(" kB") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, let kilobytes = Int64(parts[1].dropLast(3).trimmingCharacters(in: .whitespaces)) else { continue }
            fields[String(parts[0])] = kilobytes * 1024
        }
        return fields
    }

    /// The children of `parent` (every process whose parent it is).
    static func children(of parent: Int32) -> [Int32] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        return entries.compactMap { entry in
            guard let pid = Int32(entry),
                  let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return nil }
            let fields = stat[stat.index(after: close)...].split(separator: " ", maxSplits: 3)
            return fields.count > 1 && Int32(fields[1]) == parent ? pid : nil
        }
    }

    /// The first line of a pid file as a process id.
    static func pid(fromFile path: String) -> Int32? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return Int32(text.split(separator: "\n").first?.trimmingCharacters(in: .whitespaces) ?? "")
    }
}
