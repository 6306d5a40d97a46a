import Foundation
import ServiceKit

/// `identity verify-audit`: walks the security audit chain and reports whether it is intact.
/// Exit status 0 when intact, 1 when an entry was altered (its sequence number is printed).
enum AuditVerification {
    static func run() async throws -> Int32 {
        try await OperatorCommand.withDatabase(of: .identity) { client, logger in
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
