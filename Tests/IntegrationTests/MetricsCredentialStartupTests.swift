import Foundation
import Testing

extension Integration {
    /// Outside the dev and test profiles the gateway has no default scrape credential: started
    /// without `ONEGATE_METRICS_TOKEN` it refuses to start, naming the variable (exit 78).
    @Suite struct MetricsCredentialStartupTests {
        @Test func theGatewayRefusesToStartInProductionWithoutTheMetricsToken() async throws {
            var environment = ProcessInfo.processInfo.environment
            let test = TestEnvironment.shared
            environment["ONEGATE_AMQP_PORT"] = String(test.amqpPort)
            environment["ONEGATE_HTTP_PORT"] = "18099"
            environment["ONEGATE_PROFILE"] = "production"
            environment["ONEGATE_AMQP_PASSWORD"] = "onegate-gateway"
            environment["ONEGATE_METRICS_TOKEN"] = nil
            environment["ONEGATE_METRICS_TOKEN_FILE"] = nil
            let process = Process()
            process.executableURL = TestEnvironment.repositoryRoot.appendingPathComponent(".build/debug/gateway")
            process.environment = environment
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let exited = await eventually(timeout: .seconds(30), every: .milliseconds(100)) { !process.isRunning }
            if !exited { process.terminate() }
            #expect(exited, "the gateway started without a scrape credential")
            let message = String(decoding: errors.fileHandleForReading.availableData, as: UTF8.self)
            #expect(process.terminationStatus == 78)
            #expect(message.contains("ONEGATE_METRICS_TOKEN"), "stderr: \(message)")
        }
    }
}
