import Foundation
import HostStats

/// The machine the run was measured on, as printed above the tables and kept in the JSON.
struct Hardware: Codable, Sendable {
    var cores: Int
    var model: String
    var memoryGiB: Double
    var kernel: String

    static func current() -> Hardware {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
            .flatMap { $0.split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces) } ?? "unknown"
        let meminfo = (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8)) ?? ""
        let memory = ProcessStats.memoryFields(status: meminfo)["MemTotal"] ?? 0
        let kernel = ((try? String(contentsOfFile: "/proc/sys/kernel/osrelease", encoding: .utf8)) ?? "")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return Hardware(cores: ProcessInfo.processInfo.activeProcessorCount, model: model,
                        memoryGiB: Double(memory) / (1024 * 1024 * 1024), kernel: kernel)
    }

    var summary: String {
        String(format: "%d cores (%@), %.1f GiB memory, Linux %@", cores, model, memoryGiB, kernel)
    }
}
