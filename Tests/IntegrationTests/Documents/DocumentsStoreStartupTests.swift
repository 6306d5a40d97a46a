import Foundation
import Testing

extension Integration {
    /// A documents service whose store it cannot write refuses to start (instead of losing uploads
    /// and signing keys later), naming the path and the variable.
    @Suite struct DocumentsStoreStartupTests {
        @Test func anUnwritableStoreStopsTheServiceAtStartUpNamingThePathAndTheVariable() async throws {
            // Tests run as root, so a read-only directory would not stop them: a path under a file can never be created.
            let unwritable = "/dev/null/onegate-documents"
            var environment = ProcessInfo.processInfo.environment
            let test = TestEnvironment.shared
            environment["ONEGATE_DB_PORT"] = String(test.dbPort)
            environment["ONEGATE_AMQP_PORT"] = String(test.amqpPort)
            environment["ONEGATE_DOCUMENTS_DIR"] = unwritable
            let process = Process()
            process.executableURL = TestEnvironment.repositoryRoot.appendingPathComponent(".build/debug/documents")
            process.environment = environment
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let exited = await eventually(timeout: .seconds(30), every: .milliseconds(100)) { !process.isRunning }
            if !exited { process.terminate() }
            #expect(exited, "documents kept running with an unwritable store")
            let message = String(decoding: errors.fileHandleForReading.availableData, as: UTF8.self)
            #expect(process.terminationStatus == 78)
            #expect(message.contains(unwritable) && message.contains("ONEGATE_DOCUMENTS_DIR"), "stderr: \(message)")
        }
    }
}
