import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Keeps webhooks from reaching inside the network (SSRF): `https` only, no credentials in the
/// URL, and every address the host resolves to must be public — no loopback, private, link-local,
/// carrier-grade NAT, multicast or reserved ranges, in IPv4 or IPv6 (mapped addresses included).
/// Checked when a subscription is created and again before every delivery (DNS may change).
/// `allowPrivate` (tests only) accepts `http` and any address.
struct URLGuard: Sendable {
    enum Refusal: Error, CustomStringConvertible {
        case malformed, scheme, credentials, unresolvable(String), privateAddress(String)

        var description: String {
            switch self {
            case .malformed: "is not an absolute URL with a host"
            case .scheme: "must use https"
            case .credentials: "must not carry user credentials"
            case .unresolvable(let host): "has a host that does not resolve (\(host))"
            case .privateAddress(let address): "resolves to a non-public address (\(address))"
            }
        }
    }

    let allowPrivate: Bool

    /// Checks the form of `text` only (no DNS).
    func checkForm(_ text: String) throws -> URLComponents {
        guard text.count <= 2048, let components = URLComponents(string: text), let host = components.host, !host.isEmpty,
              let scheme = components.scheme?.lowercased() else { throw Refusal.malformed }
        if components.user != nil || components.password != nil { throw Refusal.credentials }
        guard scheme == "https" || (allowPrivate && scheme == "http") else { throw Refusal.scheme }
        return components
    }

    /// Checks the form, then every address the host resolves to.
    func check(_ text: String) async throws {
        let components = try checkForm(text)
        if allowPrivate { return }
        let host = components.host!.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        let addresses = try await Blocking.run { try Self.resolve(host) }
        guard !addresses.isEmpty else { throw Refusal.unresolvable(host) }
        for address in addresses where !Self.isPublic(address) {
            throw Refusal.privateAddress(Self.describe(address))
        }
    }

    /// The host's addresses, as raw bytes (4 for IPv4, 16 for IPv6).
    static func resolve(_ host: String) throws -> [[UInt8]] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &result) == 0, let first = result else { throw Refusal.unresolvable(host) }
        defer { freeaddrinfo(first) }
        var addresses: [[UInt8]] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let info = cursor {
            if info.pointee.ai_family == AF_INET, let raw = info.pointee.ai_addr {
                raw.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { pointer in
                    var address = pointer.pointee.sin_addr
                    addresses.append(withUnsafeBytes(of: &address) { Array($0) })
                }
            } else if info.pointee.ai_family == AF_INET6, let raw = info.pointee.ai_addr {
                raw.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer in
                    var address = pointer.pointee.sin6_addr
                    addresses.append(withUnsafeBytes(of: &address) { Array($0) })
                }
            }
            cursor = info.pointee.ai_next
        }
        return addresses
    }

    /// True for a globally routable unicast address.
    static func isPublic(_ bytes: [UInt8]) -> Bool {
        if bytes.count == 4 { return isPublicIPv4(bytes) }
        guard bytes.count == 16 else { return false }
        if bytes.allSatisfy({ $0 == 0 }) { return false }                                  // ::
        if bytes[0..<15].allSatisfy({ $0 == 0 }) && bytes[15] == 1 { return false }         // ::1
        if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xff && bytes[11] == 0xff { // ::ffff:a.b.c.d
            return isPublicIPv4(Array(bytes[12..<16]))
        }
        if bytes[0..<12].allSatisfy({ $0 == 0 }) { return isPublicIPv4(Array(bytes[12..<16])) }  // ::a.b.c.d
        if bytes[0] == 0x00 && bytes[1] == 0x64 && bytes[2] == 0xff && bytes[3] == 0x9b {   // 64:ff9b::/96 NAT64
            return isPublicIPv4(Array(bytes[12..<16]))
        }
        if bytes[0] & 0xfe == 0xfc { return false }                                          // fc00::/7 unique local
        if bytes[0] == 0xfe && bytes[1] & 0xc0 == 0x80 { return false }                      // fe80::/10 link-local
        if bytes[0] == 0xfe && bytes[1] & 0xc0 == 0xc0 { return false }                      // fec0::/10 site-local
        if bytes[0] == 0xff { return false }                                                 // multicast
        if bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0x0d && bytes[3] == 0xb8 { return false }  // documentation
        if bytes[0] == 0x20 && bytes[1] == 0x02 { return isPublicIPv4(Array(bytes[2..<6])) }  // 6to4
        return true
    }

    static func isPublicIPv4(_ b: [UInt8]) -> Bool {
        switch (b[0], b[1]) {
        case (0, _), (10, _), (127, _): return false
        case (100, 64...127): return false       // carrier-grade NAT
        case (169, 254): return false            // link-local (cloud metadata)
        case (172, 16...31): return false
        case (192, 168): return false
        case (192, 0) where b[2] == 0 || b[2] == 2: return false
        case (198, 18...19): return false        // benchmarking
        case (198, 51) where b[2] == 100: return false
        case (203, 0) where b[2] == 113: return false
        case (224...255, _): return false        // multicast, reserved, broadcast
        default: return true
        }
    }

    static func describe(_ bytes: [UInt8]) -> String {
        if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
        return stride(from: 0, to: bytes.count, by: 2).map { String(format: "%x", Int(bytes[$0]) << 8 | Int(bytes[$0 + 1])) }
            .joined(separator: ":")
    }
}
