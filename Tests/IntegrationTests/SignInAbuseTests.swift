import Foundation
import Testing

extension Integration {
    /// Sign-in abuse (docs/identity.md): the gateway's rate limits per client address, the bound
    /// on concurrent Argon2id hashes in identity, and the lockout per (user, address) plus per user.
    /// The cluster trusts 127.0.0.1 as a proxy, so each request names its client in X-Forwarded-For.
    @Suite struct SignInAbuseTests {
        static let limits = [
            "ONEGATE_TRUSTED_PROXIES": "127.0.0.1",
            "ONEGATE_SIGNIN_RATE_PER_MINUTE": "6", "ONEGATE_SIGNIN_RATE_BURST": "6",
            "ONEGATE_SIGNIN_RATE_GLOBAL_PER_SECOND": "1000",
            "ONEGATE_ANONYMOUS_SUBMIT_RATE_PER_MINUTE": "3", "ONEGATE_ANONYMOUS_SUBMIT_RATE_BURST": "3",
            "ONEGATE_PASSWORD_HASH_CONCURRENCY": "2",
            "ONEGATE_LOGIN_MAX_FAILURES": "5", "ONEGATE_LOGIN_USER_MAX_FAILURES": "8",
        ]

        func login(_ cluster: ServiceCluster, _ username: String, _ password: String = SignIns.demoPassword,
                   from address: String) async throws -> HTTP.Result {
            try await HTTP.postJSON(cluster.url("/api/v1/auth/token"), #"{"username": "\#(username)", "password": "\#(password)"}"#,
                                    headers: ["X-Forwarded-For": "203.0.113.99, \(address)"])
        }

        @Test func signInAbuseIsBounded() async throws {
            let cluster = try await ServiceCluster.start(overrides: Self.limits)
            do {
                try await aBurstFromOneAddressIsRefused(cluster)
                try await anonymousSubmissionsAreLimited(cluster)
                try await concurrentSignInsStayWithinTheHashingBound(cluster)
                try await theLockoutIsPerAddressAndPerUser(cluster)
            } catch {
                Issue.record(error)
            }
            _ = await cluster.stop()
        }

        func aBurstFromOneAddressIsRefused(_ cluster: ServiceCluster) async throws {
            var statuses: [Int] = []
            for attempt in 1...7 {
                statuses.append(try await login(cluster, "nobody-burst", "Wrong@\(attempt)password", from: "198.51.100.7").status)
            }
            #expect(!statuses.prefix(6).contains(429), "\(statuses)")
            let refused = try await login(cluster, "citizen", from: "198.51.100.7")
            #expect(refused.status == 429)
            #expect(refused.contentType.hasPrefix("application/problem+json"))
            #expect(Int(refused.headers["retry-after"] ?? "") ?? 0 >= 1)
            #expect(try await login(cluster, "citizen", from: "198.51.100.8").status == 200, "another address is not limited")
        }

        func anonymousSubmissionsAreLimited(_ cluster: ServiceCluster) async throws {
            let url = cluster.url("/api/v1/dossiers")
            var statuses: [Int] = []
            for _ in 1...4 {
                statuses.append(try await HTTP.postJSON(url, "{}", headers: ["X-Forwarded-For": "198.51.100.9"]).status)
            }
            #expect(statuses.prefix(3).allSatisfy { $0 == 400 } && statuses.last == 429, "\(statuses)")
            let granted = try await login(cluster, "officer", from: "198.51.100.10")
            let token = try #require(granted.json?["accessToken"] as? String)
            let signedIn = try await HTTP.postJSON(url, "{}", headers: ["X-Forwarded-For": "198.51.100.9",
                                                                        "Authorization": "Bearer \(token)"])
            #expect(signedIn.status == 400, "signed-in submissions are not limited as anonymous ones")
        }

        func concurrentSignInsStayWithinTheHashingBound(_ cluster: ServiceCluster) async throws {
            let pid = try #require(cluster.processes["identity"]?.processIdentifier)
            let before = try Self.peakResidentKiB(pid)
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<12 {
                    group.addTask { try await login(cluster, "citizen", from: "198.51.100.\(20 + index)").status }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses == Array(repeating: 200, count: 12), "all wait their turn: \(statuses)")
            let after = try Self.peakResidentKiB(pid)
            // 12 hashes of 64 MiB at once would add ~700 MiB; two at a time add at most one more.
            #expect(after - before < 3 * 65_536, "peak RSS grew by \((after - before) / 1024) MiB")
            let metrics = try await HTTP.request(.get, cluster.url("/metrics/identity"), headers: ServiceCluster.metricsHeaders)
            let peak = String(decoding: metrics.body, as: UTF8.self).split(separator: "\n")
                .first { $0.hasPrefix("onegate_identity_password_hashes_in_flight_peak ") }
                .flatMap { Double($0.split(separator: " ").last ?? "") }
            if let peak { #expect(peak <= 2) }
        }

        func theLockoutIsPerAddressAndPerUser(_ cluster: ServiceCluster) async throws {
            var statuses: [Int] = []
            for attempt in 1...5 { statuses.append(try await login(cluster, "supervisor", "Wrong@\(attempt)x", from: "198.51.100.40").status) }
            #expect(statuses == [401, 401, 401, 401, 423])
            #expect(try await login(cluster, "supervisor", from: "198.51.100.40").status == 423, "locked for that address")
            #expect(try await login(cluster, "supervisor", from: "198.51.100.41").status == 200, "not for another one")
            // Spraying from several addresses reaches the per-user threshold (8) without any one being locked.
            statuses = []
            for address in ["198.51.100.42", "198.51.100.43"] {
                for attempt in 1...4 { statuses.append(try await login(cluster, "supervisor", "Wrong@\(attempt)y", from: address).status) }
            }
            #expect(statuses == [401, 401, 401, 401, 401, 401, 401, 423], "\(statuses)")
            let fresh = try await login(cluster, "supervisor", from: "198.51.100.44")
            #expect(fresh.status == 423, "a new address waits for the per-user lock")
            #expect(Int(fresh.headers["retry-after"] ?? "") ?? 0 >= 1)
            #expect(try await login(cluster, "supervisor", from: "198.51.100.41").status == 200,
                    "the address the user signed in from is not locked out from afar")
        }

        /// VmHWM: the process's peak resident set, in KiB.
        static func peakResidentKiB(_ pid: Int32) throws -> Int {
            let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
            let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") })
            return try #require(Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]))
        }
    }
}
