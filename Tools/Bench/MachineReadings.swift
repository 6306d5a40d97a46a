import Foundation
import HostStats

/// What the bench reads about the machine beside its processes (`ProcessStats`, shared with the services).
extension ProcessStats {
    /// The whole machine as one "process": busy CPU time of all cores (`/proc/stat`: user, nice,
    /// system, irq, softirq, steal) and memory in use (MemTotal − MemAvailable).
    static func machine() -> ProcessStats? {
        guard let stat = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
              let line = stat.split(separator: "\n").first, line.hasPrefix("cpu ") else { return nil }
        let ticks = line.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard ticks.count >= 8 else { return nil }
        let busy = ticks[0] + ticks[1] + ticks[2] + ticks[5] + ticks[6] + ticks[7]
        let memory = memoryFields(status: (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8)) ?? "")
        let used = (memory["MemTotal"] ?? 0) - (memory["MemAvailable"] ?? 0)
        return ProcessStats(cpuSeconds: busy / ticksPerSecond, residentBytes: used, peakResidentBytes: used,
                            anonymousBytes: used, sharedBytes: 0)
    }

    /// The 1-minute load average.
    static func loadAverage() -> Double? {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").first.flatMap { Double($0) }
    }

    /// The first line of a pid file as a process id.
    static func pid(fromFile path: String) -> Int32? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return Int32(text.split(separator: "\n").first?.trimmingCharacters(in: .whitespaces) ?? "")
    }
}
