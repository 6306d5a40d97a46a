import Crypto
import Foundation

/// The file side of documents: content-addressed blobs under `<root>/blobs/ab/cd/<sha256>` and
/// transfers in progress under `<root>/uploads/<id>.part` (+ `<id>.json`, what was declared).
/// A blob appears only by `rename` of a complete, fsynced temporary file, so a broken transfer
/// never leaves half a blob; the same bytes are stored once.
struct BlobStore: Sendable {
    let root: URL
    var blobs: URL { root.appendingPathComponent("blobs", isDirectory: true) }
    var uploads: URL { root.appendingPathComponent("uploads", isDirectory: true) }

    static let readBlock = 1 << 20

    /// Creates `blobs`, `uploads` and the agency keys' directory and proves each writable (a probe
    /// file created and removed). A store the service cannot write would lose every upload and
    /// every signing key, so start-up ends here (exit status 78, EX_CONFIG) with the path and the
    /// variable on stderr instead of running and failing later.
    func prepare() throws {
        for directory in [blobs, uploads, root.appendingPathComponent("keys", isDirectory: true)] {
            if let problem = Self.writeProblem(directory) {
                FileHandle.standardError.write(Data(("onegate: refusing to start: the documents store \(directory.path) is not "
                    + "writable (\(problem)); set ONEGATE_DOCUMENTS_DIR to a writable directory (a mounted volume "
                    + "owned by the service user)\n").utf8))
                exit(78)
            }
        }
    }

    /// Why `directory` cannot be created or written to, or nil when it can.
    static func writeProblem(_ directory: URL) -> String? {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let probe = directory.appendingPathComponent(".write-probe-\(UUID().uuidString.lowercased())")
            try Data("probe".utf8).write(to: probe)
            try FileManager.default.removeItem(at: probe)
            return nil
        } catch {
            return error.localizedDescription
        }
    }

    func blobURL(_ sha256: String) -> URL {
        let characters = Array(sha256)
        return blobs.appendingPathComponent(String(characters[0..<2]), isDirectory: true)
            .appendingPathComponent(String(characters[2..<4]), isDirectory: true)
            .appendingPathComponent(sha256)
    }

    func partURL(_ id: UUID) -> URL { uploads.appendingPathComponent("\(id.uuidString.lowercased()).part") }
    func metaURL(_ id: UUID) -> URL { uploads.appendingPathComponent("\(id.uuidString.lowercased()).json") }

    // MARK: transfers

    func begin(_ id: UUID, meta: Data) throws {
        try meta.write(to: metaURL(id))
        guard FileManager.default.createFile(atPath: partURL(id).path, contents: nil) else {
            throw BlobError.io("cannot create \(partURL(id).lastPathComponent)")
        }
    }

    func meta(_ id: UUID) -> Data? { try? Data(contentsOf: metaURL(id)) }

    /// Appends `bytes` at `offset`; the size after. A chunk already written (a retry) is not written twice.
    func append(_ id: UUID, offset: Int, bytes: Data) throws -> Int {
        let handle = try FileHandle(forWritingTo: partURL(id))
        defer { try? handle.close() }
        let size = Int(try handle.seekToEnd())
        if size == offset + bytes.count && offset >= 0 { return size }
        guard size == offset else { throw BlobError.outOfOrder(expected: size) }
        try handle.write(contentsOf: bytes)
        return size + bytes.count
    }

    func size(_ id: UUID) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: partURL(id).path)[.size] as? NSNumber)?.intValue
    }

    /// SHA-256 and size of a transfer, read in bounded blocks.
    func digest(_ id: UUID) throws -> (sha256: String, size: Int) {
        let handle = try FileHandle(forReadingFrom: partURL(id))
        defer { try? handle.close() }
        var hasher = SHA256()
        var size = 0
        while let block = try handle.read(upToCount: Self.readBlock), !block.isEmpty {
            hasher.update(data: block)
            size += block.count
        }
        return (hasher.finalize().map { String(format: "%02x", $0) }.joined(), size)
    }

    /// Up to `length` bytes of a transfer at `offset`.
    func readPart(_ id: UUID, offset: Int, length: Int) throws -> [UInt8] {
        try Self.read(partURL(id), offset: offset, length: length)
    }

    /// Makes the transfer the blob `sha256`: fsync, then rename into place (or drop it when the
    /// same bytes are already stored), then fsync the directory.
    func promote(_ id: UUID, sha256: String) throws {
        let target = blobURL(sha256)
        let directory = target.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let part = partURL(id)
        if FileManager.default.fileExists(atPath: target.path) {
            try? FileManager.default.removeItem(at: part)
        } else {
            try Self.fsync(part)
            guard rename(part.path, target.path) == 0 else { throw BlobError.io("rename failed: errno \(errno)") }
            try Self.fsync(directory)
        }
        try? FileManager.default.removeItem(at: metaURL(id))
    }

    func discard(_ id: UUID) {
        try? FileManager.default.removeItem(at: partURL(id))
        try? FileManager.default.removeItem(at: metaURL(id))
    }

    /// Removes transfers untouched for `age` seconds (abandoned: the gateway died or the client went).
    @discardableResult
    func sweep(olderThan age: TimeInterval) -> Int {
        let limit = Date().addingTimeInterval(-age)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: uploads.path)) ?? []
        var removed = 0
        for name in names {
            let url = uploads.appendingPathComponent(name)
            let modified = (try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date) ?? .distantPast
            if modified < limit, (try? FileManager.default.removeItem(at: url)) != nil { removed += 1 }
        }
        return removed
    }

    // MARK: blobs

    func readBlob(_ sha256: String, offset: Int, length: Int) throws -> [UInt8] {
        try Self.read(blobURL(sha256), offset: offset, length: length)
    }

    /// The whole blob, mapped rather than read (for signing and verifying).
    func mapBlob(_ sha256: String) throws -> Data {
        try Data(contentsOf: blobURL(sha256), options: .alwaysMapped)
    }

    func removeBlob(_ sha256: String) {
        try? FileManager.default.removeItem(at: blobURL(sha256))
    }

    static func read(_ url: URL, offset: Int, length: Int) throws -> [UInt8] {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64(offset))
        return [UInt8](try handle.read(upToCount: length) ?? Data())
    }

    static func fsync(_ url: URL) throws {
        let descriptor = open(url.path, O_RDONLY)
        guard descriptor >= 0 else { throw BlobError.io("cannot open \(url.lastPathComponent) to sync") }
        defer { close(descriptor) }
        guard Foundation.fsync(descriptor) == 0 else { throw BlobError.io("fsync failed: errno \(errno)") }
    }
}

enum BlobError: Error {
    case io(String)
    case outOfOrder(expected: Int)
}
