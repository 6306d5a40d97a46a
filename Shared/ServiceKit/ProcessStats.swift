import Foundation

/// CPU time and memory of one process, read from Linux's `/proc/<pid>/stat` and `/proc/<pid>/status`.
/// Used by the metrics, the performance samples and the benchmark; `nil` where `/proc` is absent.
public struct ProcessStats: Sendable, Equatable {
    /// User plus system CPU time since the process started, in seconds.
    public var cpuSeconds: Double
    /// Resident set size now, in bytes.
    public var residentBytes: Int64
    /// The highest resident set size so far (`VmHWM`), in bytes.
    public var peakResidentBytes: Int64
    /// Resident anonymous memory (`RssAnon`): private to the process.
    public var anonymousBytes: Int64
    /// Resident shared memory (`RssShmem`), e.g. PostgreSQL's shared buffers.
    public var sharedBytes: Int64

    public init(cpuSeconds: Double, residentBytes: Int64, peakResidentBytes: Int64, anonymousBytes: Int64, sharedBytes: Int64) {
        self.cpuSeconds = cpuSeconds
        self.residentBytes = residentBytes
        self.peakResidentBytes = peakResidentBytes
        self.anonymousBytes = anonymousBytes
        self.sharedBytes = sharedBytes
    }

    /// Clock ticks per second for `/proc/<pid>/stat` (`sysconf(_SC_CLK_TCK)`).
    static let ticksPerSecond: Double = {
        let ticks = sysconf(Int32(_SC_CLK_TCK))
        return ticks > 0 ? Double(ticks) : 100
    }()

    /// This process.
    public static func current() -> ProcessStats? { read(path: "/proc/self") }

    /// Another process by id (`nil` once it exited or where `/proc` is unreadable).
    public static func of(pid: Int32) -> ProcessStats? { read(path: "/proc/\(pid)") }

    /// The process ids whose command name (`/proc/<pid>/comm`) is `name`, e.g. `postgres`.
    public static func processIDs(named name: String) -> [Int32] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        return entries.compactMap { entry -> Int32? in
            guard let pid = Int32(entry),
                  let comm = try? String(contentsOfFile: "/proc/\(entry)/comm", encoding: .utf8),
                  comm.trimmingCharacters(in: .whitespacesAndNewlines) == name else { return nil }
            return pid
        }
    }

    static func read(path: String) -> ProcessStats? {
        guard let stat = try? String(contentsOfFile: "\(path)/stat", encoding: .utf8),
              let status = try? String(contentsOfFile: "\(path)/status", encoding: .utf8),
              let cpu = cpuSeconds(stat: stat) else { return nil }
        let memory = memoryFields(status: status)
        return ProcessStats(cpuSeconds: cpu,
                            residentBytes: memory["VmRSS"] ?? 0,
                            peakResidentBytes: memory["VmHWM"] ?? memory["VmRSS"] ?? 0,
                            anonymousBytes: memory["RssAnon"] ?? 0,
                            sharedBytes: memory["RssShmem"] ?? 0)
    }

    /// utime + stime (fields 14 and 15). The command name (field 2) may hold spaces and
    /// parentheses, so fields are counted after its closing parenthesis.
    static func cpuSeconds(stat: String) -> Double? {
        guard let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // After ")": state is field 3, so utime (14) is at offset 11 and stime (15) at 12.
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / ticksPerSecond
    }

    /// `Name:   123 kB` lines of `/proc/<pid>/status`, in bytes.
    static func memoryFields(status: String) -> [String: Int64] {
        var fields: [String: Int64] = [:]
        for line in status.split(separator: "\n") where line.hasSuffix(" kB") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2,
                  let kilobytes = Int64(parts[1].dropLast(3).trimmingCharacters(in: .whitespaces)) else { continue }
            fields[String(parts[0])] = kilobytes * 1024
        }
        return fields
    }
}
