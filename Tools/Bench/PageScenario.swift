import Foundation

/// Scenarios h and i (issue 15): the portal's pages as browsers read them — `Accept: text/html`,
/// `Accept-Language: vi`, and each client's cookies kept and sent back the way a browser does, so
/// the session middleware issues the CSRF cookie once per client rather than on every page. A
/// closed loop of `workers` clients; a page counts only when it is a 200 `text/html` answer.
struct PageScenario: Sendable {
    let gateway: GatewayClient

    /// What a browser would send to the portal after its first visit: `name=value` per cookie.
    final class CookieJar: Sendable {
        private let cookies = Locked<[String: String]>([:])

        /// The `Cookie` header, or nil while the jar is empty.
        var header: String? {
            let all = cookies.value
            return all.isEmpty ? nil : all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        }

        /// Takes the answer's `Set-Cookie` values (`Max-Age=0` deletes); how many it set or deleted.
        @discardableResult
        func store(_ setCookies: [String]) -> Int {
            for line in setCookies {
                let attributes = line.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
                guard let pair = attributes.first, let equals = pair.firstIndex(of: "=") else { continue }
                let name = String(pair[..<equals])
                let value = String(pair[pair.index(after: equals)...])
                let deleted = attributes.contains { $0.lowercased() == "max-age=0" }
                cookies.withLock { jar in if deleted { jar[name] = nil } else { jar[name] = value } }
            }
            return setCookies.count
        }
    }

    /// Reads `paths` in turn, each client walking its own stride. With `keepCookies` false every
    /// request arrives without cookies, as a first visit does (for comparison). With `sessions`,
    /// client i is signed in with the i-th access token (`og_session`, as the sign-in page sets it).
    func run(paths: [String], workers: Int, duration: Duration, maxRequests: Int, keepCookies: Bool = true,
             sessions: [String] = []) async throws -> ClosedLoop.Result {
        guard let first = paths.first else { throw BenchFailure("no page to read") }
        let jars = (0..<max(1, workers)).map { worker in
            let jar = CookieJar()
            if !sessions.isEmpty { jar.store(["og_session=\(sessions[worker % sessions.count])"]) }
            return jar
        }
        if keepCookies {
            // Each client's first visit, untimed: where the browser gets its og_csrf cookie.
            for jar in jars {
                let reply = await gateway.get(first, headers: Self.headers(cookie: jar.header))
                guard reply.status == 200 else {
                    throw BenchFailure("the page \(first) answered \(reply.errorReason ?? "HTTP \(reply.status ?? 0)") "
                                       + String(decoding: reply.body.prefix(300), as: UTF8.self))
                }
                jar.store(reply.setCookies)
            }
        }
        return await ClosedLoop.run(workers: workers, duration: duration, maxRequests: maxRequests) { worker, iteration in
            let jar = jars[worker % jars.count]
            let path = paths[(worker + iteration * workers) % paths.count]
            let reply = await gateway.get(path, headers: Self.headers(cookie: keepCookies ? jar.header : nil))
            if keepCookies { jar.store(reply.setCookies) }
            guard reply.status == 200 else { return reply.outcome.error == nil ? .failed("HTTP \(reply.status ?? 0) (not 200)", reply.milliseconds) : reply.outcome }
            guard reply.contentType?.hasPrefix("text/html") == true else { return .failed("not text/html", reply.milliseconds) }
            return reply.outcome
        }
    }

    static func headers(cookie: String?) -> [(String, String)] {
        var headers = [("Accept", "text/html,application/xhtml+xml"), ("Accept-Language", "vi")]
        if let cookie { headers.append(("Cookie", cookie)) }
        return headers
    }

    /// The search page: queries without diacritics ("ho tich" finds "hộ tịch"), one with the
    /// online-level filter, and the second page of the whole catalog.
    static let searchPaths = ["/?q=ho+tich", "/?q=ho+tich&level=full", "/?q=khai+sinh", "/?page=2"]

    /// The workspace's work queue (scenario j): each officer's first tab, the whole queue and its
    /// second page, sorted by due date.
    static let queuePaths = ["/workspace/", "/workspace/?tab=all", "/workspace/?tab=all&page=2"]

    /// The officers reading their queues in scenario j, in turn: desk, head, specialist, leader.
    static let queueOfficers = ["officer", "head", "specialist", "leader"]

    /// The public status pages of `receipts` (code + lookup token, as the receipt's QR opens them).
    static func statusPaths(_ receipts: [Receipt]) -> [String] {
        receipts.compactMap { receipt in
            receipt.lookupToken?.addingPercentEncoding(withAllowedCharacters: .alphanumerics).map { "/track/\(receipt.code)?token=\($0)" }
        }
    }
}
