import Foundation

/// Where a partner's webhook may point (SSRF): `https` on port 443, no credentials in the URL,
/// and every address its host resolves to globally routable — no loopback, private, link-local,
/// carrier-grade NAT, multicast, documentation or reserved range, in IPv4 or IPv6 (mapped,
/// compatible, NAT64 and 6to4 forms included). The delivery then connects to the address that was
/// vetted, never resolving the name again (`URLGuard`, `OutboundHTTP.postPinned`).
///
/// `allowLoopback` is the one exception, for the dev/test/bench profiles whose receivers run on
/// this machine: a target whose every address is loopback (127.0.0.0/8, ::1) may then use `http`
/// and any port. It never admits a private or link-local address.
public struct WebhookTarget: Sendable, Equatable {
    public enum Refusal: Error, Equatable, CustomStringConvertible {
        case malformed, scheme, port, credentials, unresolvable(String), nonPublicAddress(String)

        public var description: String {
            switch self {
            case .malformed: "is not an absolute URL with a host"
            case .scheme: "must use https"
            case .port: "must use port 443 (the https default)"
            case .credentials: "must not carry user credentials"
            case .unresolvable(let host): "has a host that does not resolve (\(host))"
            case .nonPublicAddress(let address): "resolves to a non-public address (\(address))"
            }
        }
    }

    /// The URL as given.
    public let url: String
    /// The host as the URL names it (no brackets): what TLS verifies and SNI carries.
    public let host: String
    /// The address the delivery connects to: the first one the host resolved to.
    public let address: [UInt8]

    /// The URL's parts, checked without DNS: absolute, with a host, no user credentials, at most
    /// 2,048 characters; `https` (or `http` when `allowLoopback`, checked again once resolved).
    public static func form(of text: String, allowLoopback: Bool) throws -> (components: URLComponents, host: String) {
        guard text.count <= 2048, let components = URLComponents(string: text), let raw = components.host, !raw.isEmpty,
              let scheme = components.scheme?.lowercased() else { throw Refusal.malformed }
        if components.user != nil || components.password != nil { throw Refusal.credentials }
        guard scheme == "https" || (allowLoopback && scheme == "http") else { throw Refusal.scheme }
        if !allowLoopback, let port = components.port, port != 443 { throw Refusal.port }
        let host = raw.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        guard !host.isEmpty else { throw Refusal.malformed }
        return (components, host)
    }

    /// Decides on `text` given every address its host resolved to (4 bytes for IPv4, 16 for IPv6).
    public static func vet(_ text: String, resolved addresses: [[UInt8]], allowLoopback: Bool) throws -> WebhookTarget {
        let (components, host) = try form(of: text, allowLoopback: allowLoopback)
        guard let first = addresses.first else { throw Refusal.unresolvable(host) }
        let loopback = allowLoopback && addresses.allSatisfy(isLoopback)
        if !loopback {
            for address in addresses where !isPublic(address) { throw Refusal.nonPublicAddress(describe(address)) }
            guard components.scheme?.lowercased() == "https" else { throw Refusal.scheme }
            if let port = components.port, port != 443 { throw Refusal.port }
        }
        return WebhookTarget(url: text, host: host, address: first)
    }

    /// The address as text (dotted IPv4, or IPv6 in hexadecimal groups).
    public var addressText: String { Self.describe(address) }

    /// 127.0.0.0/8 or ::1.
    public static func isLoopback(_ bytes: [UInt8]) -> Bool {
        if bytes.count == 4 { return bytes[0] == 127 }
        return bytes.count == 16 && bytes[0..<15].allSatisfy { $0 == 0 } && bytes[15] == 1
    }

    /// True for a globally routable unicast address.
    public static func isPublic(_ bytes: [UInt8]) -> Bool {
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

    public static func isPublicIPv4(_ b: [UInt8]) -> Bool {
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

    public static func describe(_ bytes: [UInt8]) -> String {
        if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
        return stride(from: 0, to: bytes.count, by: 2).map { String(Int(bytes[$0]) << 8 | Int(bytes[$0 + 1]), radix: 16) }
            .joined(separator: ":")
    }
}
