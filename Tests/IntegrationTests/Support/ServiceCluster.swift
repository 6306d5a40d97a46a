import Foundation

/// The eight real executables, started as a user would start them, against the test instances.
final class ServiceCluster: @unchecked Sendable {
    static let services = ["identity", "catalog", "intake", "processing", "documents", "reporting", "integration", "gateway"]
    static let httpPort = 18080
    /// Short so tests can watch a lock end.
    static let lockoutSeconds: TimeInterval = 3
    /// Access-token lifetime: long enough that no test races it, unless it asks for
    /// `shortAccessTokens` to watch a token expire.
    static let accessTokenSeconds: TimeInterval = 300
    static let shortAccessTokens = ["ONEGATE_ACCESS_TOKEN_SECONDS": "4"]
    /// The tests sign in and submit a lot from 127.0.0.1: the gateway's rate limits are set out of
    /// reach, except where a test overrides them to watch them (SignInAbuseTests), and callers
    /// wait for a hashing turn almost as long as the gateway's RPC deadline.
    static let generousLimits = [
        "ONEGATE_SIGNIN_RATE_PER_MINUTE": "1000000", "ONEGATE_SIGNIN_RATE_BURST": "100000",
        "ONEGATE_SIGNIN_RATE_GLOBAL_PER_SECOND": "100000",
        "ONEGATE_ANONYMOUS_SUBMIT_RATE_PER_MINUTE": "1000000", "ONEGATE_ANONYMOUS_SUBMIT_RATE_BURST": "100000",
        "ONEGATE_ANONYMOUS_SUBMIT_RATE_GLOBAL_PER_SECOND": "100000",
        "ONEGATE_ACCOUNT_RATE_PER_MINUTE": "1000000", "ONEGATE_ACCOUNT_RATE_BURST": "100000",
        "ONEGATE_ACCOUNT_RATE_GLOBAL_PER_SECOND": "100000",
        "ONEGATE_PASSWORD_HASH_WAIT_MS": "4500",
    ]
    /// The scrape credential the tests' gateway accepts on `/metrics` (`ONEGATE_METRICS_TOKEN`).
    static let metricsToken = "onegate-test-metrics-token"
    static let metricsHeaders = ["Authorization": "Bearer \(metricsToken)"]
    /// By name: the service's, or `processing-2` for a second instance. Tests run serialized.
    private(set) var processes: [String: Process]
    let environment: [String: String]
    let baseURL = URL(string: "http://127.0.0.1:\(ServiceCluster.httpPort)")!
    /// The lifetime this cluster's identity gives access tokens.
    var accessTokenSeconds: TimeInterval {
        environment["ONEGATE_ACCESS_TOKEN_SECONDS"].flatMap(TimeInterval.init) ?? Self.accessTokenSeconds
    }

    private init(processes: [String: Process], environment: [String: String]) {
        self.processes = processes
        self.environment = environment
    }

    /// Starts every service (with `overrides` on top of the test environment) and waits until the
    /// gateway reports the whole set ready.
    static func start(overrides: [String: String] = [:]) async throws -> ServiceCluster {
        let root = TestEnvironment.repositoryRoot
        let logs = root.appendingPathComponent(".data/test/logs")
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        var environment = ProcessInfo.processInfo.environment
        let test = TestEnvironment.shared
        environment["ONEGATE_DB_PORT"] = String(test.dbPort)
        environment["ONEGATE_AMQP_PORT"] = String(test.amqpPort)
        environment["ONEGATE_HTTP_PORT"] = String(httpPort)
        environment["ONEGATE_LOG_FORMAT"] = "json"
        environment["ONEGATE_DEMO_SEED"] = "1"
        environment["ONEGATE_LOGIN_LOCKOUT_SECONDS"] = String(Int(lockoutSeconds))
        environment["ONEGATE_ACCESS_TOKEN_SECONDS"] = String(Int(accessTokenSeconds))
        environment["ONEGATE_SESSION_CHECK_SECONDS"] = "0"
        environment["ONEGATE_SIGNING_KEYS_REFRESH_SECONDS"] = "1"
        environment["ONEGATE_JWKS_MIN_RELOAD_SECONDS"] = "0"
        environment["ONEGATE_TIMER_POLL_MS"] = "300"
        environment["ONEGATE_METRICS_TOKEN"] = metricsToken
        environment.merge(generousLimits) { $1 }
        environment.merge(OutsideWorld.serviceEnvironment) { $1 }  // integration: portal, webhooks, SMTP, SMS, payments
        environment.merge(overrides) { $1 }
        var processes: [String: Process] = [:]
        for service in services {
            processes[service] = try launch(service, as: service, environment: environment)
        }
        let cluster = ServiceCluster(processes: processes, environment: environment)
        let ready = await eventually(timeout: .seconds(60), every: .milliseconds(200)) {
            (try? await HTTP.request(.get, cluster.url("/ready")).status) == 200
        }
        guard ready else {
            _ = await cluster.stop()
            throw Shell.Failure(description: "the service set did not become ready; see .data/test/logs/e2e-*.log")
        }
        return cluster
    }

    func url(_ path: String) -> URL { URL(string: path, relativeTo: baseURL)!.absoluteURL }

    private static func launch(_ service: String, as name: String, environment: [String: String]) throws -> Process {
        let root = TestEnvironment.repositoryRoot
        let process = Process()
        process.executableURL = root.appendingPathComponent(".build/debug").appendingPathComponent(service)
        process.environment = environment
        let logURL = root.appendingPathComponent(".data/test/logs/e2e-\(name).log")
        if !FileManager.default.fileExists(atPath: logURL.path) { _ = FileManager.default.createFile(atPath: logURL.path, contents: nil) }
        let log = try FileHandle(forWritingTo: logURL)
        try log.seekToEnd()
        process.standardOutput = log
        process.standardError = log
        try process.run()
        return process
    }

    /// Starts another process of `service` under `name` (e.g. a second `processing`).
    func launch(_ service: String, as name: String) throws {
        processes[name] = try Self.launch(service, as: name, environment: environment)
    }

    /// Stops `name` with SIGTERM (or SIGKILL when `kill` is set) and waits for it to exit; its exit code.
    @discardableResult
    func halt(_ name: String, kill hard: Bool = false) async -> Int32? {
        guard let process = processes[name] else { return nil }
        if hard { kill(process.processIdentifier, SIGKILL) } else { process.terminate() }
        _ = await eventually(timeout: .seconds(15), every: .milliseconds(50)) { !process.isRunning }
        processes[name] = nil
        return process.isRunning ? nil : process.terminationStatus
    }

    /// Sends SIGTERM to every process and returns how each one exited (nil: had to be killed).
    func stop() async -> [String: Int32?] {
        for process in processes.values where process.isRunning { process.terminate() }
        var exits: [String: Int32?] = [:]
        for (name, process) in processes {
            let exited = await eventually(timeout: .seconds(15), every: .milliseconds(50)) { !process.isRunning }
            if exited {
                exits[name] = process.terminationReason == .exit ? process.terminationStatus : -process.terminationStatus
            } else {
                kill(process.processIdentifier, SIGKILL)
                exits[name] = .some(nil)
            }
        }
        return exits
    }
}
