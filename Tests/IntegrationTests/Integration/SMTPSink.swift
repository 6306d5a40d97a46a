import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A real SMTP server for tests, on loopback: speaks enough SMTP for a client (EHLO, MAIL, RCPT,
/// DATA, QUIT), accepts every message and keeps it. One thread per connection, plain sockets.
final class SMTPSink: Sendable {
    /// One received message: its envelope recipients and its decoded subject and text.
    struct Message: Sendable {
        let recipients: [String]
        let raw: String

        var headers: [String: String] {
            var result: [String: String] = [:]
            for line in raw.components(separatedBy: "\r\n\r\n").first?.components(separatedBy: "\r\n") ?? [] {
                guard let colon = line.firstIndex(of: ":") else { continue }
                result[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            return result
        }

        /// The subject, with `=?UTF-8?B?…?=` decoded.
        var subject: String { Self.decodeWord(headers["subject"] ?? "") }

        /// The body, base64-decoded when it is base64.
        var text: String {
            let parts = raw.components(separatedBy: "\r\n\r\n")
            let body = parts.dropFirst().joined(separator: "\r\n\r\n")
            guard headers["content-transfer-encoding"]?.lowercased() == "base64" else { return body }
            let compact = body.components(separatedBy: .whitespacesAndNewlines).joined()
            return Data(base64Encoded: compact).map { String(decoding: $0, as: UTF8.self) } ?? body
        }

        static func decodeWord(_ text: String) -> String {
            guard text.hasPrefix("=?UTF-8?B?"), text.hasSuffix("?=") else { return text }
            let encoded = text.dropFirst("=?UTF-8?B?".count).dropLast(2)
            return Data(base64Encoded: String(encoded)).map { String(decoding: $0, as: UTF8.self) } ?? text
        }
    }

    let port: UInt16
    private let received = Mutex<[Message]>([])
    private let listener = Atomic<Int32>(-1)

    init(port: UInt16) { self.port = port }

    var messages: [Message] { received.withLock { $0 } }

    func start() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Shell.Failure(description: "SMTP sink: socket() failed") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            close(fd)
            throw Shell.Failure(description: "SMTP sink: cannot listen on 127.0.0.1:\(port)")
        }
        listener.store(fd, ordering: .relaxed)
        Thread.detachNewThread { self.acceptLoop(fd) }
    }

    func stop() {
        let fd = listener.exchange(-1, ordering: .relaxed)
        if fd >= 0 {
            shutdown(fd, Int32(SHUT_RDWR))
            close(fd)
        }
    }

    private func acceptLoop(_ fd: Int32) {
        while true {
            let client = accept(fd, nil, nil)
            if client < 0 { return }
            Thread.detachNewThread { self.serve(client) }
        }
    }

    private func serve(_ fd: Int32) {
        defer { close(fd) }
        func send(_ line: String) { _ = line.utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count - 1) } }
        send("220 sink.test ESMTP\r\n")
        var pending = Data()
        var recipients: [String] = []
        var data: [String]?
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(fd, &chunk, chunk.count)
            if count <= 0 { return }
            pending.append(contentsOf: chunk[0..<count])
            while let range = pending.range(of: Data("\r\n".utf8)) {
                let line = String(decoding: pending[pending.startIndex..<range.lowerBound], as: UTF8.self)
                pending.removeSubrange(pending.startIndex..<range.upperBound)
                if var lines = data {
                    if line == "." {
                        let message = Message(recipients: recipients, raw: lines.joined(separator: "\r\n"))
                        received.withLock { $0.append(message) }
                        data = nil
                        recipients = []
                        send("250 OK queued\r\n")
                    } else {
                        lines.append(line.hasPrefix("..") ? String(line.dropFirst()) : line)
                        data = lines
                    }
                    continue
                }
                let command = line.prefix(4).uppercased()
                switch command {
                case "EHLO", "HELO": send("250 sink.test\r\n")
                case "MAIL", "RSET", "NOOP": send("250 OK\r\n")
                case "RCPT":
                    recipients.append(line.drop { $0 != "<" }.dropFirst().prefix { $0 != ">" }.description)
                    send("250 OK\r\n")
                case "DATA":
                    data = []
                    send("354 End data with <CR><LF>.<CR><LF>\r\n")
                case "QUIT":
                    send("221 Bye\r\n")
                    return
                default: send("502 Command not implemented\r\n")
                }
            }
        }
    }
}
