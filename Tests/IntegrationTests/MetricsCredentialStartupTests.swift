import Foundation
import Testing

extension Integration {
    /// Outside the dev and test profiles the gateway has no default scrape credential: started
    /// without `ONEGATE_METRICS_TOKEN` it refuses to start, naming the variable (exit 78).
    @Suite struct MetricsCredentialStartupTests {
        @Test func theGatewayRefusesToStartInProductionWithoutTheMetricsToken() async throws {
            let (status, message) = try await ServiceLaunch.untilExit("gateway", environment: [
                "ONEGATE_HTTP_PORT": "18099", "ONEGATE_PROFILE": "production", "ONEGATE_AMQP_PASSWORD": "onegate-gateway",
                "ONEGATE_METRICS_TOKEN": nil, "ONEGATE_METRICS_TOKEN_FILE": nil,
            ])
            #expect(status == 78)
            #expect(message.contains("ONEGATE_METRICS_TOKEN"), "stderr: \(message)")
        }
    }
}
