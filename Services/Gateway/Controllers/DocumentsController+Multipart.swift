import Contracts
import Domain
import Foundation

/// A streaming reader of `multipart/form-data` (RFC 7578) that finds the first part carrying a
/// file and hands out its bytes as they arrive, holding back only what could be the start of
/// the closing delimiter. Other parts are skipped; nothing is buffered whole.
struct MultipartFileScanner {
    enum State {
        case preamble, headers, file, skipping, done
    }

    private let delimiter: [UInt8]
    private(set) var state = State.preamble
    private var buffer: [UInt8] = [13, 10]  // lets the first delimiter match like the others
    private(set) var filename: String?
    private(set) var contentType: String?
    static let maximumHeaderBytes = 16 << 10

    /// The boundary from a `multipart/form-data; boundary=…` content type, or nil.
    init?(contentType: String) {
        guard let boundary = Self.boundary(contentType) else { return nil }
        delimiter = Array("\r\n--\(boundary)".utf8)
    }

    /// The boundary of a `multipart/form-data; boundary=…` content type (1 to 70 characters), or nil.
    static func boundary(_ contentType: String) -> String? {
        let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.first?.lowercased() == "multipart/form-data",
              let parameter = parts.dropFirst().first(where: { $0.lowercased().hasPrefix("boundary=") }) else { return nil }
        let boundary = parameter.dropFirst("boundary=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        return boundary.isEmpty || boundary.count > 70 ? nil : boundary
    }

    /// Consumes `bytes`; returns the file bytes now certain.
    mutating func feed(_ bytes: some Collection<UInt8>) throws -> [UInt8] {
        buffer.append(contentsOf: bytes)
        var output: [UInt8] = []
        while true {
            switch state {
            case .done:
                buffer.removeAll()
                return output
            case .preamble:
                guard let found = Self.find(delimiter, in: buffer) else {
                    buffer.removeFirst(max(0, buffer.count - delimiter.count))
                    return output
                }
                guard try afterDelimiter(at: found.upperBound) else { return output }
            case .headers:
                guard let end = Self.find(Array("\r\n\r\n".utf8), in: buffer) else {
                    if buffer.count > Self.maximumHeaderBytes { throw Self.malformed("a part's headers are too long") }
                    return output
                }
                let lines = String(decoding: buffer[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
                buffer.removeFirst(end.upperBound)
                readHeaders(lines)
            case .file, .skipping:
                if let found = Self.find(delimiter, in: buffer) {
                    if state == .file { output.append(contentsOf: buffer[..<found.lowerBound]) }
                    buffer.removeFirst(found.lowerBound)
                    let wasFile = state == .file
                    guard try afterDelimiter(at: delimiter.count) else { return output }
                    if wasFile { state = .done }
                } else {
                    let safe = max(0, buffer.count - (delimiter.count - 1))
                    if state == .file { output.append(contentsOf: buffer[..<safe]) }
                    buffer.removeFirst(safe)
                    return output
                }
            }
        }
    }

    /// At the end of the body: the file part must have been closed.
    func finish() throws {
        guard state == .done, filename != nil else {
            throw Self.malformed(filename == nil ? "no part carries a file" : "the body ends before the file part does")
        }
    }

    /// After a delimiter: `--` ends the body, CRLF starts a part. False when more bytes are needed
    /// (the buffer is left at the delimiter).
    private mutating func afterDelimiter(at index: Int) throws -> Bool {
        guard buffer.count >= index + 2 else { return false }
        let next = Array(buffer[index..<(index + 2)])
        if next == [45, 45] {
            state = .done
        } else if next == [13, 10] {
            state = .headers
        } else {
            throw Self.malformed("a boundary is not followed by CRLF or --")
        }
        buffer.removeFirst(index + 2)
        return true
    }

    private mutating func readHeaders(_ lines: [String]) {
        var name: String?
        var file: String?
        var type: String?
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let field = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if field == "content-disposition" {
                name = Self.parameter("name", in: value)
                file = Self.parameter("filename*", in: value).map(Self.decodeExtended) ?? Self.parameter("filename", in: value)
            } else if field == "content-type" {
                type = value
            }
        }
        if filename == nil, file != nil || name == "file" {
            filename = file ?? "file"
            contentType = type ?? "application/octet-stream"
            state = .file
        } else {
            state = .skipping
        }
    }

    static func parameter(_ name: String, in value: String) -> String? {
        for part in value.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == name {
                return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }

    /// `UTF-8''percent-encoded` (RFC 8187).
    static func decodeExtended(_ value: String) -> String {
        guard let quote = value.range(of: "''") else { return value }
        return String(value[quote.upperBound...]).removingPercentEncoding ?? value
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Range<Int>? {
        guard haystack.count >= needle.count, let first = needle.first else { return nil }
        var index = 0
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first && haystack[index..<(index + needle.count)].elementsEqual(needle) {
                return index..<(index + needle.count)
            }
            index += 1
        }
        return nil
    }

    static func malformed(_ detail: String) -> Problem {
        Problem.validation([FieldError(field: "body", message: "is not valid multipart/form-data: \(detail)")])
    }
}
