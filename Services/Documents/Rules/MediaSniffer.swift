import Foundation

/// Recognises a file's media type from its content (magic numbers; for zip containers, the
/// entries inside), never from its name or the client's word.
enum MediaSniffer {
    static let pdf = "application/pdf"
    static let jpeg = "image/jpeg"
    static let png = "image/png"
    static let tiff = "image/tiff"
    static let docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    static let xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    static let odt = "application/vnd.oasis.opendocument.text"
    static let ods = "application/vnd.oasis.opendocument.spreadsheet"

    /// The media types accepted for storage.
    static let allowed: Set<String> = [pdf, jpeg, png, tiff, docx, xlsx, odt, ods]

    /// The declared type without parameters, lower-cased, with common aliases folded.
    static func normalise(_ declared: String) -> String {
        let bare = declared.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        switch bare {
        case "image/jpg", "image/pjpeg": return jpeg
        case "image/x-png": return png
        case "application/x-pdf": return pdf
        default: return bare
        }
    }

    /// The media type of `head` (the file's first bytes) and, for zips, of its entry names and
    /// the content of a leading `mimetype` entry; nil when unknown.
    static func sniff(head: [UInt8], zipEntries: () throws -> [String]) rethrows -> String? {
        if head.starts(with: Array("%PDF-".utf8)) { return pdf }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return jpeg }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return png }
        if head.starts(with: [0x49, 0x49, 0x2A, 0x00]) || head.starts(with: [0x4D, 0x4D, 0x00, 0x2A]) { return tiff }
        guard head.starts(with: [0x50, 0x4B, 0x03, 0x04]) else { return nil }
        // OpenDocument: the first entry is `mimetype`, stored, holding the media type (ODF 1.2 §3.3).
        if let name = ZipEntries.localName(head), name == "mimetype", let odf = ZipEntries.storedText(head) {
            return [odt, ods].contains(odf) ? odf : nil
        }
        let entries = try zipEntries()
        if entries.contains("[Content_Types].xml") {
            if entries.contains("word/document.xml") { return docx }
            if entries.contains("xl/workbook.xml") { return xlsx }
        }
        return nil
    }
}

/// Just enough of the zip format to name a container's entries.
enum ZipEntries {
    /// The name of the local file header at the start of `bytes`.
    static func localName(_ bytes: [UInt8]) -> String? {
        guard bytes.count >= 30 else { return nil }
        let nameLength = Int(le16(bytes, 26))
        guard bytes.count >= 30 + nameLength else { return nil }
        return String(decoding: bytes[30..<(30 + nameLength)], as: UTF8.self)
    }

    /// The content of the first entry when it is stored (not compressed) and short.
    static func storedText(_ bytes: [UInt8]) -> String? {
        guard bytes.count >= 30, le16(bytes, 8) == 0 else { return nil }
        let size = Int(le32(bytes, 18))
        let start = 30 + Int(le16(bytes, 26)) + Int(le16(bytes, 28))
        guard size <= 200, bytes.count >= start + size else { return nil }
        return String(decoding: bytes[start..<(start + size)], as: UTF8.self)
    }

    /// The entry names listed in the central directory, given the file's last bytes (which hold
    /// the end-of-central-directory record) and a reader of any range of the file.
    static func centralDirectoryNames(tail: [UInt8], fileSize: Int, read: (Int, Int) throws -> [UInt8]) rethrows -> [String] {
        guard tail.count >= 22 else { return [] }
        var index = tail.count - 22
        while index >= 0 && !(tail[index] == 0x50 && tail[index + 1] == 0x4B && tail[index + 2] == 0x05 && tail[index + 3] == 0x06) {
            index -= 1
        }
        guard index >= 0 else { return [] }
        let count = Int(le16(tail, index + 10))
        let size = Int(le32(tail, index + 12))
        let offset = Int(le32(tail, index + 16))
        guard size <= 4 << 20, offset + size <= fileSize else { return [] }
        let directory = try read(offset, size)
        var names: [String] = []
        var position = 0
        for _ in 0..<count {
            guard position + 46 <= directory.count, le32(directory, position) == 0x0201_4B50 else { break }
            let nameLength = Int(le16(directory, position + 28))
            let extra = Int(le16(directory, position + 30))
            let comment = Int(le16(directory, position + 32))
            guard position + 46 + nameLength <= directory.count else { break }
            names.append(String(decoding: directory[(position + 46)..<(position + 46 + nameLength)], as: UTF8.self))
            position += 46 + nameLength + extra + comment
        }
        return names
    }

    static func le16(_ bytes: [UInt8], _ at: Int) -> UInt16 {
        UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
    }

    static func le32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(le16(bytes, at)) | UInt32(le16(bytes, at + 2)) << 16
    }
}
