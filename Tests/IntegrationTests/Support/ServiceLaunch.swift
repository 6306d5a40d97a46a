import Foundation
import Testing

/// One service's executable (`.build/debug/<service>`) run against the test instances until it
/// exits: for the tests of what a service refuses at start-up.
enum ServiceLaunch {
    /// Runs `service` with the test instances' ports and `overrides` (nil removes a variable),
    /// waits at most 30 s for it to exit (then stops it and records the failure), and answers its
    /// exit status and everything it wrote to stderr.
    static func untilExit(_ service: String, arguments: [String] = [],
                          environment overrides: [String: String?]) async throws -> (status: Int32, stderr: String) {
        var environment = ProcessInfo.processInfo.environment
        environment["ONEGATE_DB_PORT"] = String(TestEnvironment.shared.dbPort)
        environment["ONEGATE_AMQP_PORT"] = String(TestEnvironment.shared.amqpPort)
        for (name, value) in overrides { environment[name] = value }
        let process = Process()
        process.executableURL = TestEnvironment.repositoryRoot.appendingPathComponent(".build/debug/\(service)")
        process.arguments = arguments
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let exited = await eventually(timeout: .seconds(30), every: .milliseconds(100)) { !process.isRunning }
        if !exited { process.terminate() }
        #expect(exited, "\(service) kept running")
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }
}
