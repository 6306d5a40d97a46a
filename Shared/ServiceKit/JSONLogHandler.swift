import Foundation
import Logging
import Synchronization

/// Writes one JSON object per line to standard error: time, level, service, message, source and
/// every metadata item (correlation ids among them). Personal data must be masked before logging.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    let label: String
    let service: String
    static let output = Mutex<Void>(())

    public init(label: String, service: String, level: Logger.Level) {
        self.label = label
        self.service = service
        self.logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var object: [String: String] = [
            "time": Date().formatted(.iso8601.year().month().day().timeZone(separator: .omitted).time(includingFractionalSeconds: true)),
            "level": event.level.rawValue,
            "service": service,
            "logger": label,
            "message": event.message.description,
            "source": "\(event.file.split(separator: "/").last ?? ""):\(event.line)",
        ]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) {
            object[key] = "\(value)"
        }
        guard var line = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
        line.append(0x0A)
        Self.output.withLock { _ in
            // One write(2) per line on file descriptor 2: lines from many tasks never interleave.
            line.withUnsafeBytes { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
        }
    }
}
