import HostStats
import Metrics
import Synchronization

/// `process_cpu_seconds_total` (a counter) and `process_resident_memory_bytes`, the standard
/// names of Prometheus client libraries, read from `/proc/self` (nothing where it is absent).
final class ProcessGauges: GaugeCollector {
    let cpu = FloatingPointCounter(label: "process_cpu_seconds_total")
    let resident = Gauge(label: "process_resident_memory_bytes")
    /// CPU seconds already added to the counter: it grows by the difference at each reading.
    let counted = Mutex<Double>(0)

    func collect() async {
        guard let stats = ProcessStats.current() else { return }
        let added = counted.withLock { counted -> Double in
            let delta = stats.cpuSeconds - counted
            if delta > 0 { counted = stats.cpuSeconds }
            return delta
        }
        if added > 0 { cpu.increment(by: added) }
        resident.record(stats.residentBytes)
    }
}
