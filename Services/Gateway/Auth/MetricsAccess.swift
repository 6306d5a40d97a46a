import Contracts
import Crypto
import Domain
import Foundation
import ServiceKit

/// Who may read `/metrics` and `/metrics/{service}`: a scraper presenting the installation's
/// scrape credential (`Authorization: Bearer $ONEGATE_METRICS_TOKEN`, what a Prometheus
/// `authorization` block sends), or a signed-in administrator. Anonymous callers get 401, other
/// signed-in users 403. The credential has a default only in the `dev`/`test` profiles.
struct MetricsAccess: Sendable {
    /// The well-known development credential (profiles `dev` and `test` only).
    static let developmentToken = "onegate-dev-metrics-token"

    private let digest: SHA256Digest

    init(token: String) {
        digest = SHA256.hash(data: Data(token.utf8))
    }

    /// Reads `ONEGATE_METRICS_TOKEN` (or `_FILE`); outside `dev`/`test` a missing one stops the gateway.
    init(environment: ServiceEnvironment) {
        self.init(token: environment.requiredSecretOrExit("ONEGATE_METRICS_TOKEN", developmentDefault: Self.developmentToken))
    }

    /// True when `token` is the scrape credential. Both sides are hashed first, so the comparison
    /// takes the same time whatever the presented token's length or content.
    func isScrapeCredential(_ token: String) -> Bool {
        let presented = Array(SHA256.hash(data: Data(token.utf8)))
        return zip(presented, Array(digest)).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// Whether a request path is one of the metrics routes, the only ones the credential opens.
    static func isMetricsPath(_ path: String) -> Bool {
        path == "/metrics" || path.hasPrefix("/metrics/")
    }

    /// 401 for anonymous callers, 403 for signed-in users who are not administrators.
    static func require(_ context: GatewayContext) throws {
        if context.isMetricsScraper { return }
        guard context.caller.isAuthenticated else {
            throw Problem(status: 401, title: "Authentication required",
                          detail: "Metrics are for the scrape credential (Authorization: Bearer <ONEGATE_METRICS_TOKEN>) or an administrator's token.")
        }
        guard context.caller.holds(Role.administrator.rawValue) else {
            throw Problem(status: 403, title: "Forbidden", detail: "Metrics are for administrators and the metrics scraper.")
        }
    }
}
