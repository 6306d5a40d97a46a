import Foundation
import Logging
import Messaging
import Storage

/// The private test instances started by `deploy/infra.sh up --profile test` (the test command
/// does that). Values come from the environment, or from `infra.sh env --profile test`.
struct TestEnvironment: Sendable {
    let values: [String: String]
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let shared: TestEnvironment = {
        let process = ProcessInfo.processInfo.environment
        if process["ONEGATE_PROFILE"] == "test" { return TestEnvironment(values: process) }
        let output = (try? Shell.run(infraScript.path, ["env", "--profile", "test"])) ?? ""
        var values = process
        for line in output.split(separator: "\n") where line.hasPrefix("export ") {
            let pair = line.dropFirst("export ".count).split(separator: "=", maxSplits: 1)
            if pair.count == 2 { values[String(pair[0])] = String(pair[1]).trimmingCharacters(in: CharacterSet(charactersIn: "'\"")) }
        }
        return TestEnvironment(values: values)
    }()

    static var infraScript: URL { repositoryRoot.appendingPathComponent("deploy/infra.sh") }

    var dbPort: Int { Int(values["ONEGATE_DB_PORT"] ?? "") ?? 54330 }
    var amqpPort: Int { Int(values["ONEGATE_AMQP_PORT"] ?? "") ?? 56730 }

    /// A database login; roles and passwords as created by `infra.sh` (`onegate-<role>`).
    func database(role: String) -> DatabaseConfiguration {
        DatabaseConfiguration(host: "127.0.0.1", port: dbPort, database: "onegate", username: role,
                              password: "onegate-\(role)", schema: role, maximumConnections: 8)
    }

    /// The broker administrator (tests declare their own queues).
    var adminBroker: AMQPConfiguration {
        AMQPConfiguration(host: "127.0.0.1", port: amqpPort, virtualHost: "onegate", username: "onegate-admin",
                          password: "onegate-admin", heartbeatSeconds: 10,
                          reconnectBackoff: Backoff(initialMilliseconds: 100, maximumMilliseconds: 1_000))
    }

    /// Stops the test broker (waits until its port is closed).
    func stopBroker() throws {
        try Shell.run(Self.infraScript.path, ["broker-stop", "--profile", "test"])
    }

    /// Starts the test broker again with its data (waits until it is ready).
    func startBroker() throws {
        try Shell.run(Self.infraScript.path, ["broker-start", "--profile", "test"])
    }
}

/// Runs a command to completion and returns its standard output; throws on a non-zero exit.
enum Shell {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.standardError
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(executable) \(arguments.joined(separator: " ")) exited with \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}

extension Shell {
    /// Runs a command and returns its exit status and standard output (no throw on failure).
    static func runStatus(_ executable: String, _ arguments: [String], environment extra: [String: String] = [:]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(extra) { $1 }
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

/// A logger for test code: warnings and above, to standard error.
let testLogger: Logger = {
    var logger = Logger(label: "onegate.tests")
    logger.logLevel = .warning
    return logger
}()
