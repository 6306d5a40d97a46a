import Contracts
import Foundation

/// The operator subcommands over a service's audit trail (`AuditChain`), logged in as the service
/// with its `ONEGATE_AUDIT_KEY`:
/// `<service> verify-audit` (exit 0 "intact", exit 1 "BROKEN at entry N") and
/// `<service> audit-log [N]` (the newest N entries, 50 by default, one JSON object a line).
public enum AuditCommand {
    /// Walks the chain of `table`; `name` is how the output calls it.
    public static func verify(_ service: ServiceName, table: String, name: String) async throws -> Int32 {
        let chain = AuditChain(table: table, environment: ServiceEnvironment())
        let broken = try await OperatorCommand.withDatabase(of: service) { client, logger in
            try await client.withConnection { connection in
                try await chain.firstBrokenEntry(on: connection, logger: logger)
            }
        }
        if let broken {
            print("\(name) chain BROKEN at entry \(broken): it was altered, inserted or follows a removed entry, "
                  + "or was written under another ONEGATE_AUDIT_KEY")
            return 1
        }
        print("\(name) chain intact")
        return 0
    }

    /// Prints the newest entries of `table`, newest first.
    public static func list(_ service: ServiceName, table: String, arguments: [String]) async throws -> Int32 {
        guard let limit = arguments.first.map({ Int($0) }) ?? 50, (1...10_000).contains(limit) else {
            FileHandle.standardError.write(Data("usage: \(service.rawValue) audit-log [count, 1…10000]\n".utf8))
            return 2
        }
        let chain = AuditChain(table: table, environment: ServiceEnvironment())
        let entries = try await OperatorCommand.withDatabase(of: service) { client, logger in
            try await client.withConnection { connection in
                try await chain.entries(limit: limit, on: connection, logger: logger)
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for entry in entries {
            let line: [String: String] = ["seq": String(entry.seq), "at": AuditChain.canonicalTime(entry.at), "actor": entry.actor,
                                          "action": entry.action, "subject": entry.subject ?? "", "detail": entry.detail]
            print(String(decoding: try encoder.encode(line), as: UTF8.self))
        }
        return 0
    }
}
