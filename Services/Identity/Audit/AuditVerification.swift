import Foundation
import Logging
import ServiceKit

/// `identity verify-audit`: walks the security audit chain and reports whether it is intact.
/// Exit status 0 when intact, 1 when an entry was altered (its sequence number is printed).
enum AuditVerification {
    static func run() async throws -> Int32 {
        let environment = ServiceEnvironment()
        var logger = Logger(label: "onegate.identity.verify-audit")
        logger.logLevel = .warning
        let client = environment.database(for: .identity).makeClient(logger: logger)
        return try await withThrowingTaskGroup(of: Int32?.self) { group in
            group.addTask {
                await client.run()
                return nil
            }
            defer { group.cancelAll() }
            let broken = try await client.withConnection { connection in
                try await SecurityAudit().firstBrokenEntry(on: connection, logger: logger)
            }
            if let broken {
                print("security audit chain BROKEN at entry \(broken): it was altered after it was written")
                return 1
            }
            print("security audit chain intact")
            return 0
        }
    }
}
