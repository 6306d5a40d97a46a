import Foundation

/// C strings that live exactly as long as one C call: rabbitmq-c keeps the pointers it is given
/// (`amqp_cstring_bytes`), so every string must outlive the call that uses it.
final class CStringArena {
    private var pointers: [UnsafeMutablePointer<CChar>] = []

    static func with<T>(_ body: (CStringArena) -> T) -> T {
        let arena = CStringArena()
        defer { arena.pointers.forEach { free($0) } }
        return body(arena)
    }

    func dup(_ string: String?) -> UnsafePointer<CChar>? {
        guard let string, let pointer = strdup(string) else { return nil }
        pointers.append(pointer)
        return UnsafePointer(pointer)
    }
}

extension String {
    /// Reads a NUL-terminated C string out of a fixed buffer filled by the shim.
    init(cBuffer buffer: [CChar]) {
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        self = String(decoding: bytes, as: UTF8.self)
    }
}
