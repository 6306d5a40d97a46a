import Domain
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Keeps webhooks from reaching inside the network (SSRF): resolves the host once and vets the URL
/// and every address against `WebhookTarget` (https, port 443, public addresses only), returning
/// the address the delivery must connect to. Checked when a subscription is created and again
/// before every delivery (DNS may change); the delivery never resolves the name itself.
/// `allowLoopback` (`ONEGATE_WEBHOOK_ALLOW_LOOPBACK`, dev/test/bench profiles only) also accepts
/// `http` and any port for a host that resolves to loopback addresses only.
struct URLGuard: Sendable {
    let allowLoopback: Bool

    /// Checks the form, then every address the host resolves to; the target to connect to.
    func vet(_ text: String) async throws -> WebhookTarget {
        let (_, host) = try WebhookTarget.form(of: text, allowLoopback: allowLoopback)
        let addresses = try await Blocking.run { try Self.resolve(host) }
        return try WebhookTarget.vet(text, resolved: addresses, allowLoopback: allowLoopback)
    }

    /// The host's addresses, as raw bytes (4 for IPv4, 16 for IPv6).
    static func resolve(_ host: String) throws -> [[UInt8]] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &result) == 0, let first = result else { throw WebhookTarget.Refusal.unresolvable(host) }
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
}
