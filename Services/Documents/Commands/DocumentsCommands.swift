import Contracts
import Foundation
import ServiceKit

/// Operator subcommands: `documents purge` (retention, now),
/// `documents agency-certificate <agency code>` (prints the agency's certificate, PEM, making
/// its key first if it has none — hand it to whoever verifies signatures with `openssl cms`),
/// `documents verify-audit` and `documents audit-log [N]` (documents' audit trail, `AuditCommand`).
enum DocumentsCommands {
    static func run(_ command: String, arguments: [String]) async throws -> Int32 {
        let settings = DocumentsSettings(ServiceEnvironment())
        switch command {
        case "purge":
            let blobs = BlobStore(root: settings.root)
            let outcome = try await OperatorCommand.withDatabase(of: .documents) { client, logger in
                try await RetentionPurge(schema: ServiceEnvironment().database(for: .documents).schema, blobs: blobs)
                    .run(on: client, logger: logger)
            }
            print("purged \(outcome.documents) expired document(s) and \(outcome.blobs) unreferenced blob(s)")
            return 0
        case "agency-certificate":
            guard let agency = arguments.first else {
                FileHandle.standardError.write(Data("usage: documents agency-certificate <agency code>\n".utf8))
                return 2
            }
            let keys = AgencyKeys(root: settings.root, sealer: AtRestSealer.fromEnvironmentOrExit(ServiceEnvironment()))
            print(try keys.key(for: agency).certificatePEM, terminator: "")
            return 0
        case "verify-audit":
            return try await AuditCommand.verify(.documents, table: DocumentsAudit.table, name: "documents audit")
        case "audit-log":
            return try await AuditCommand.list(.documents, table: DocumentsAudit.table, arguments: arguments)
        default:
            FileHandle.standardError.write(Data("unknown command \(command); use purge, agency-certificate, verify-audit or audit-log\n".utf8))
            return 2
        }
    }
}
