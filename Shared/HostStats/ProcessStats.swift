import Foundation

/// CPU time and memory of one process, read from Linux's `/proc/<pid>/stat` and `/proc/<pid>/status`.
/// Used by the metrics, the performance samples and the benchmark; `nil` where `/proc` is absent.
public struct ProcessStats: Sendable, Equatable {
    /// The parent process id (`PPid`).
    public var parentID: Int32
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

    public init(parentID: Int32 = 0, cpuSeconds: Double, residentBytes: Int64, peakResidentBytes: Int64,
                anonymousBytes: Int64, sharedBytes: Int64) {
        self.parentID = parentID
        self.cpuSeconds = cpuSeconds
        self.residentBytes = residentBytes
        self.peakResidentBytes = peakResidentBytes
        self.anonymousBytes = anonymousBytes
        self.sharedBytes = sharedBytes
    }

    /// Clock ticks per second for `/proc/<pid>/stat` (`sysconf(_SC_CLK_TCK)`).
    public static let ticksPerSecond: Double = {
        let ticks = sysconf(Int32(_SC_CLK_TCK))
        return ticks > 0 ? Double(ticks) : 100
    }()

    /// This process.
    public static func current() -> ProcessStats? { read(path: "/proc/self") }

    /// Another process by id (`nil` once it exited or where `/proc` is unreadable).
    public static func of(pid: Int32) -> ProcessStats? { read(path: "/proc/\(pid)") }

    /// The processes whose parent is `parent`.
    public static func children(of parent: Int32) -> [Int32] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        return entries.compactMap { entry in
            guard let pid = Int32(entry), let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let fields = fieldsAfterName(stat: stat), fields.count > 1, Int32(fields[1]) == parent else { return nil }
            return pid
        }
    }

    static func read(path: String) -> ProcessStats? {
        guard let stat = try? String(contentsOfFile: "\(path)/stat", encoding: .utf8),
              let status = try? String(contentsOfFile: "\(path)/status", encoding: .utf8),
              let fields = fieldsAfterName(stat: stat), fields.count > 12,
              let parent = Int32(fields[1]), let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        let memory = memoryFields(status: status)
        return ProcessStats(parentID: parent, cpuSeconds: (user + system) / ticksPerSecond,
                            residentBytes: memory["VmRSS"] ?? 0,
                            peakResidentBytes: memory["VmHWM"] ?? memory["VmRSS"] ?? 0,
                            anonymousBytes: memory["RssAnon"] ?? 0,
                            sharedBytes: memory["RssShmem"] ?? 0)
    }

    /// The fields of `/proc/<pid>/stat` from the third (state) on: the command name (field 2) may
    /// hold spaces and parentheses, so they are counted after its closing parenthesis. Offset 1 is
    /// the parent id (field 4), 11 and 12 are utime and stime (fields 14 and 15).
    static func fieldsAfterName(stat: String) -> [Substring]? {
        guard let close = stat.lastIndex(of: ")") else { return nil }
        return stat[stat.index(after: close)...].split(separator: " ")
    }

    /// `Name:   123 kB` lines of `/proc/<pid>/status`, in bytes.
    public static func memoryFields(status: String) -> [String: Int64] {
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
