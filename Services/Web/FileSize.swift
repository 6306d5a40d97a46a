import Foundation

/// A size in bytes as people read it: `850 KB`, `25 MB` (1 MB = 1 048 576 bytes, as the limits are set).
public enum FileSize {
    public static func text(_ bytes: Int) -> String {
        if bytes >= 1 << 20 {
            let megabytes = Double(bytes) / Double(1 << 20)
            return megabytes.rounded() == megabytes || megabytes >= 10 ? "\(Int(megabytes.rounded())) MB"
                : String(format: "%.1f MB", megabytes).replacingOccurrences(of: ".", with: ",")
        }
        if bytes >= 1 << 10 { return "\(Int((Double(bytes) / 1024).rounded())) KB" }
        return "\(bytes) B"
    }
}
