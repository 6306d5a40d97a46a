import Foundation
import Testing

extension Integration {
    /// A documents service whose store it cannot write refuses to start (instead of losing uploads
    /// and signing keys later), naming the path and the variable.
    @Suite struct DocumentsStoreStartupTests {
        @Test func anUnwritableStoreStopsTheServiceAtStartUpNamingThePathAndTheVariable() async throws {
            // Tests run as root, so a read-only directory would not stop them: a path under a file can never be created.
            let unwritable = "/dev/null/onegate-documents"
            let (status, message) = try await ServiceLaunch.untilExit("documents", environment: ["ONEGATE_DOCUMENTS_DIR": unwritable])
            #expect(status == 78)
            #expect(message.contains(unwritable) && message.contains("ONEGATE_DOCUMENTS_DIR"), "stderr: \(message)")
        }
    }
}
