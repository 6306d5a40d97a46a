import Domain
import Testing

/// Where a webhook may go (SSRF): https on 443 to public addresses, connecting to the address
/// that was vetted; the loopback exception of the local profiles admits loopback only.
@Suite struct WebhookTargetTests {
    static let publicV4: [UInt8] = [93, 184, 216, 34]
    static let publicV6: [UInt8] = [0x2a, 0x00, 0x14, 0x50, 0x40, 0x01, 0x08, 0x11, 0, 0, 0, 0, 0, 0, 0x20, 0x0e]
    static let loopback: [UInt8] = [127, 0, 0, 1]
    static let loopbackV6: [UInt8] = Array(repeating: 0, count: 15) + [1]

    @Test func httpsOnPort443ToAPublicAddressIsAccepted() throws {
        for url in ["https://hooks.example.vn/onegate", "https://hooks.example.vn:443/onegate", "https://HOOKS.example.vn/x?a=1"] {
            let target = try WebhookTarget.vet(url, resolved: [Self.publicV4, Self.publicV6], allowLoopback: false)
            #expect(target.address == Self.publicV4, "the first resolved address is the one connected to")
            #expect(target.addressText == "93.184.216.34")
            #expect(target.host.lowercased() == "hooks.example.vn")
        }
        let v6 = try WebhookTarget.vet("https://[2a00:1450:4001:811::200e]/x", resolved: [Self.publicV6], allowLoopback: false)
        #expect(v6.host == "2a00:1450:4001:811::200e" && v6.addressText == "2a00:1450:4001:811:0:0:0:200e")
    }

    @Test func anyOtherPortOrSchemeIsRefused() {
        for (url, refusal) in [("https://hooks.example.vn:8443/x", WebhookTarget.Refusal.port),
                               ("https://hooks.example.vn:80/x", .port), ("https://hooks.example.vn:22/x", .port),
                               ("http://hooks.example.vn/x", .scheme), ("ftp://hooks.example.vn/x", .scheme),
                               ("https://user:pass@hooks.example.vn/x", .credentials), ("/relative", .malformed)] {
            #expect(throws: refusal, "\(url)") { try WebhookTarget.vet(url, resolved: [Self.publicV4], allowLoopback: false) }
            #expect(throws: refusal, "\(url) with the loopback exception, to a public address") {
                try WebhookTarget.vet(url, resolved: [Self.publicV4], allowLoopback: true)
            }
        }
    }

    @Test func everyResolvedAddressMustBePublic() {
        let inside: [[UInt8]] = [Self.loopback, [10, 1, 2, 3], [172, 16, 0, 1], [192, 168, 1, 1], [169, 254, 169, 254],
                                 [100, 64, 0, 1], [0, 0, 0, 0], [224, 0, 0, 1], Self.loopbackV6,
                                 [0xfe, 0x80] + Array(repeating: 0, count: 13) + [1],
                                 [0xfd, 0x00] + Array(repeating: 0, count: 13) + [1],
                                 Array(repeating: 0, count: 10) + [0xff, 0xff, 169, 254, 169, 254]]
        for address in inside {
            // A name answering one public and one inside address (a rebinding setup) is refused too.
            #expect(throws: WebhookTarget.Refusal.nonPublicAddress(WebhookTarget.describe(address))) {
                try WebhookTarget.vet("https://hooks.example.vn/x", resolved: [Self.publicV4, address], allowLoopback: false)
            }
        }
        #expect(throws: WebhookTarget.Refusal.unresolvable("nowhere.invalid")) {
            try WebhookTarget.vet("https://nowhere.invalid/x", resolved: [], allowLoopback: false)
        }
    }

    @Test func theLoopbackExceptionAdmitsLoopbackOnlyWithAnyPortAndHttp() throws {
        let sink = try WebhookTarget.vet("http://localhost:18090/hooks/a", resolved: [Self.loopback, Self.loopbackV6], allowLoopback: true)
        #expect(sink.addressText == "127.0.0.1")
        #expect(throws: WebhookTarget.Refusal.scheme) {
            try WebhookTarget.vet("http://localhost:18090/hooks/a", resolved: [Self.loopback], allowLoopback: false)
        }
        #expect(throws: WebhookTarget.Refusal.nonPublicAddress("127.0.0.1")) {
            try WebhookTarget.vet("https://localhost/hooks/a", resolved: [Self.loopback], allowLoopback: false)
        }
        for inside: [UInt8] in [[10, 0, 0, 1], [169, 254, 169, 254], [192, 168, 0, 10]] {
            #expect(throws: WebhookTarget.Refusal.nonPublicAddress(WebhookTarget.describe(inside)), "never private ranges") {
                try WebhookTarget.vet("https://metadata.example/x", resolved: [inside], allowLoopback: true)
            }
        }
        #expect(throws: WebhookTarget.Refusal.nonPublicAddress("127.0.0.1"), "loopback mixed with a private address") {
            try WebhookTarget.vet("http://mixed.example:8080/x", resolved: [Self.loopback, [10, 0, 0, 1]], allowLoopback: true)
        }
    }
}
