import Foundation

/// Real files for the documents tests, and the ways to look at the blob store and at processes.
enum DocumentFixtures {
    /// The blob store the cluster's `documents` uses in these tests.
    static let root = TestEnvironment.repositoryRoot.appendingPathComponent(".data/test/documents")

    /// A valid one-page PDF whose text is `text`, padded (in a PDF comment) to at least `size` bytes.
    static func pdf(_ text: String, size: Int = 0) -> Data {
        let stream = "BT /F1 18 Tf 72 720 Td (\(text)) Tj ET"
        var objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length \(stream.utf8.count) >>\nstream\n\(stream)\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
        var body = Data("%PDF-1.4\n%\u{E2}\u{E3}\u{CF}\u{D3}\n".utf8)
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(body.count)
            body.append(Data("\(index + 1) 0 obj\n\(object)\nendobj\n".utf8))
        }
        objects.removeAll()
        if size > body.count {
            var generator = SystemRandomNumberGenerator()
            var padding = Data("%".utf8)
            padding.append(Data((0..<(size - body.count)).map { _ in UInt8.random(in: 0x30...0x7A, using: &generator) }))
            padding.append(Data("\n".utf8))
            body.append(padding)
        }
        let xref = body.count
        var table = "xref\n0 \(offsets.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { table += String(format: "%010d 00000 n \n", offset) }
        table += "trailer\n<< /Size \(offsets.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        body.append(Data(table.utf8))
        return body
    }

    /// A 1×1 PNG.
    static let png = Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")!

    /// Blob files in the store.
    static func blobCount() -> Int {
        let blobs = root.appendingPathComponent("blobs")
        guard let walker = FileManager.default.enumerator(at: blobs, includingPropertiesForKeys: [.isRegularFileKey]) else { return 0 }
        return walker.compactMap { ($0 as? URL).flatMap { try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile } }
            .filter { $0 }.count
    }

    /// Transfers in progress (temporary files).
    static func transferCount() -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("uploads").path).count) ?? 0
    }

    static func blobExists(_ sha256: String) -> Bool {
        let characters = Array(sha256)
        let path = root.appendingPathComponent("blobs/\(String(characters[0..<2]))/\(String(characters[2..<4]))/\(sha256)").path
        return FileManager.default.fileExists(atPath: path)
    }

    /// `VmHWM` (peak) and `VmRSS` of a process, in KiB.
    static func memory(of pid: Int32) -> (peak: Int, resident: Int) {
        let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        func value(_ key: String) -> Int {
            let line = status.split(separator: "\n").first { $0.hasPrefix(key + ":") } ?? ""
            return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
        }
        return (value("VmHWM"), value("VmRSS"))
    }

    /// Sends the head of an upload and `sent` bytes of an announced `announced`, then hangs up:
    /// a transfer killed half-way.
    static func brokenUpload(port: Int, token: String, announced: Int, sent: Int) throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Shell.Failure(description: "socket failed") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Shell.Failure(description: "connect failed") }
        let head = "POST /api/v1/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\n"
            + "Content-Type: application/pdf\r\nX-Filename: broken.pdf\r\nContent-Length: \(announced)\r\n\r\n"
        var payload = Data(head.utf8)
        payload.append(pdf("broken", size: sent).prefix(sent))
        var offset = 0
        while offset < payload.count {
            let written = payload[offset...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard written > 0 else { break }
            offset += written
        }
    }
}
